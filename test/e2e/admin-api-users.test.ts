import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { DataSource } from 'typeorm';
import { UserEntity } from '../../src/storage/users/user.entity';
import { idsOf, adminAccessToken } from '../factories/admin-token.factory';
import { TokenRows } from '../factories/token-rows.factory';
import { jobRows } from '../setup/job-rows';
import { createTestApp, type TestApp } from '../setup/test-app';

const USERS = '/api/admin/v1/users';

describe('admin API /users (MAS admin/v1/users)', () => {
  let t: TestApp;
  let ds: DataSource;
  let auth: string;
  /** The users' ids in id order, which is the API's order (ULIDs of one millisecond are not). */
  const ids: string[] = [];
  const names = new Map<string, string>();
  before(async () => {
    t = await createTestApp();
    ds = t.running.app.get(DataSource);
    const admin = await adminAccessToken(t.running.app, { user: { username: 'zz-admin' } });
    auth = `Bearer ${admin.token}`;
    const rows = new TokenRows(ds);
    for (const name of ['alice', 'bob', 'carol', 'dave', 'erin']) {
      const { id } = await rows.user({ username: `p-${name}` });
      ids.push(id);
      names.set(id, `p-${name}`);
    }
    ids.sort();
    await ds.getRepository(UserEntity).update({ id: ids[1] }, { lockedAt: new Date() });
    await ds.getRepository(UserEntity).update({ id: ids[2] }, { canRequestAdmin: true });
  });
  after(async () => {
    await t.close();
  });

  const get = (path: string) => t.http().get(path).set('Authorization', auth);
  const post = (path: string, body?: object) => {
    const req = t.http().post(path).set('Authorization', auth);
    return body === undefined ? req : req.send(body);
  };

  it('should page forward with page[first] and page[after], with MAS links and count', async () => {
    const first = await get(`${USERS}?filter[search]=p-&page[first]=2`).expect(200);
    assert.equal(first.body.meta.count, 5);
    assert.deepEqual(idsOf(first.body), ids.slice(0, 2));
    assert.equal(first.body.data[0].type, 'user');
    assert.equal(first.body.data[0].attributes.username, names.get(ids[0]));
    assert.equal(first.body.data[0].links.self, `${USERS}/${ids[0]}`);
    assert.equal(first.body.data[0].meta.page.cursor, ids[0]);
    assert.equal(first.body.links.self, `${USERS}?filter[search]=p-&page[first]=2`);
    assert.equal(first.body.links.first, `${USERS}?filter[search]=p-&page[first]=2`);
    assert.equal(first.body.links.last, `${USERS}?filter[search]=p-&page[last]=2`);
    assert.equal(
      first.body.links.next,
      `${USERS}?filter[search]=p-&page[after]=${ids[1]}&page[first]=2`,
    );
    assert.equal(first.body.links.prev, undefined);
    const next = await get(first.body.links.next).expect(200);
    assert.deepEqual(idsOf(next.body), ids.slice(2, 4));
  });

  it('should page backward with page[last] and page[before]', async () => {
    const last = await get(`${USERS}?filter[search]=p-&page[last]=2`).expect(200);
    assert.deepEqual(idsOf(last.body), ids.slice(3));
    assert.equal(last.body.links.next, undefined);
    assert.equal(
      last.body.links.prev,
      `${USERS}?filter[search]=p-&page[before]=${ids[3]}&page[last]=2`,
    );
    const prev = await get(last.body.links.prev).expect(200);
    assert.deepEqual(idsOf(prev.body), ids.slice(1, 3));
  });

  it('should answer count=false without meta and count=only without data', async () => {
    const noCount = await get(`${USERS}?filter[search]=p-&count=false`).expect(200);
    assert.equal(noCount.body.meta, undefined);
    assert.equal(noCount.body.data.length, 5);
    assert.equal(noCount.body.links.self, `${USERS}?filter[search]=p-&count=false&page[first]=10`);
    const only = await get(`${USERS}?filter[search]=p-&count=only`).expect(200);
    assert.deepEqual(only.body, {
      meta: { count: 5 },
      links: { self: `${USERS}?filter[search]=p-&count=only` },
    });
  });

  it('should filter by status and admin', async () => {
    const locked = await get(`${USERS}?filter[status]=locked`).expect(200);
    assert.deepEqual(idsOf(locked.body), [ids[1]]);
    const admins = await get(`${USERS}?filter[admin]=true&filter[search]=p-`).expect(200);
    assert.deepEqual(idsOf(admins.body), [ids[2]]);
  });

  for (const [query, title] of [
    ['page[first]=1&page[last]=1', 'Cannot specify both `page[first]` and `page[last]` parameters'],
    ['page[first]=0', 'Invalid pagination parameters'],
    ['page[first]=1001', 'Invalid pagination parameters'],
    ['page[after]=nope', 'Invalid pagination parameters'],
    ['count=maybe', 'Invalid pagination parameters'],
    ['filter[admin]=yes', 'Invalid filter parameters'],
    ['filter[status]=gone', 'Invalid filter parameters'],
  ]) {
    it(`should answer 400 "${title}" to ${query}`, async () => {
      const res = await get(`${USERS}?${query}`).expect(400);
      assert.equal(res.body.errors[0].title, title);
    });
  }

  it('should get a user by id and by username, and 404 unknown ones', async () => {
    const one = await get(`${USERS}/${ids[0]}`).expect(200);
    assert.deepEqual(one.body.links, { self: `${USERS}/${ids[0]}` });
    assert.deepEqual(Object.keys(one.body.data.attributes).sort(), [
      'admin',
      'created_at',
      'deactivated_at',
      'legacy_guest',
      'locked_at',
      'username',
    ]);
    const byName = await get(`${USERS}/by-username/p-alice`).expect(200);
    assert.equal(names.get(byName.body.data.id as string), 'p-alice');
    assert.equal(byName.body.links.self, `${USERS}/by-username/p-alice`);
    const missing = await get(`${USERS}/01ARZ3NDEKTSV4RRFFQ69G5FAV`).expect(404);
    assert.deepEqual(missing.body, {
      errors: [{ title: 'User ID 01ARZ3NDEKTSV4RRFFQ69G5FAV not found' }],
    });
    await get(`${USERS}/by-username/nobody`).expect(404);
    const bad = await get(`${USERS}/not-a-ulid`).expect(400);
    assert.equal(bad.body.errors[0].title, 'Invalid ULID in path');
  });

  it('should create a user, queue its provisioning, and refuse duplicates and bad names', async () => {
    const res = await post(USERS, { username: 'newbie', displayname: 'New Bie' }).expect(201);
    assert.equal(res.body.data.attributes.username, 'newbie');
    const jobs = await jobRows(ds, 'provision-user');
    assert.ok(
      jobs.some(
        (j) =>
          (j.data as { userId: string }).userId === res.body.data.id &&
          (j.data as { displayName?: string }).displayName === 'New Bie',
      ),
    );
    const dup = await post(USERS, { username: 'newbie' }).expect(409);
    assert.equal(dup.body.errors[0].title, 'User already exists');
    const bad = await post(USERS, { username: '_Bad' }).expect(400);
    assert.equal(bad.body.errors[0].title, 'Username is not valid');
  });

  it('should answer bad JSON with 400, a wrong type with 422 and no JSON type with 415', async () => {
    const syntax = await post(USERS)
      .set('Content-Type', 'application/json')
      .send('{"username":')
      .expect(400);
    assert.ok(Array.isArray(syntax.body.errors));
    const typed = await post(USERS, { username: 42 }).expect(422);
    assert.equal(
      typed.body.errors[0].title,
      'Failed to deserialize the JSON body into the target type',
    );
    const missing = await post(USERS, {}).expect(422);
    assert.match(missing.body.errors[1].title, /username/);
    await post(USERS).set('Content-Type', 'text/plain').send('username=x').expect(415);
  });

  it('should set admin, lock, unlock, deactivate and reactivate with MAS self links', async () => {
    const id = ids[4];
    const admin = await post(`${USERS}/${id}/set-admin`, { admin: true }).expect(200);
    assert.equal(admin.body.data.attributes.admin, true);
    assert.equal(admin.body.links.self, `${USERS}/${id}/set-admin`);
    const locked = await post(`${USERS}/${id}/lock`).expect(200);
    assert.notEqual(locked.body.data.attributes.locked_at, null);
    const unlocked = await post(`${USERS}/${id}/unlock`).expect(200);
    assert.equal(unlocked.body.data.attributes.locked_at, null);
    await post(`${USERS}/${id}/deactivate`).expect(200);
    assert.ok(
      (await jobRows(ds, 'deactivate-user')).some(
        (j) =>
          (j.data as { userId: string; hsErase: boolean }).userId === id &&
          (j.data as { hsErase: boolean }).hsErase,
      ),
    );
    await post(`${USERS}/${id}/reactivate`).expect(200);
    assert.ok(
      (await jobRows(ds, 'reactivate-user')).some(
        (j) => (j.data as { userId: string }).userId === id,
      ),
    );
    await post(`${USERS}/01ARZ3NDEKTSV4RRFFQ69G5FAV/lock`).expect(404);
  });

  it('should set a password with 204', async () => {
    await post(`${USERS}/${ids[0]}/set-password`, { password: 'correct horse battery' }).expect(
      204,
    );
    const weak = await post(`${USERS}/${ids[0]}/set-password`, { password: '' }).expect(400);
    assert.equal(weak.body.errors[0].title, 'Password is too weak');
    const guessable = await post(`${USERS}/${ids[0]}/set-password`, {
      password: 'password1',
    }).expect(400);
    assert.equal(guessable.body.errors[0].title, 'Password is too weak');
    await post(`${USERS}/${ids[0]}/set-password`, {
      password: 'password1',
      skip_password_check: true,
    }).expect(204);
  });
});
