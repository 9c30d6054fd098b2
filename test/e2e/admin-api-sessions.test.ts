import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { DataSource } from 'typeorm';
import { ulid } from 'ulid';
import { UserSessionEntity } from '../../src/storage/browser-sessions/user-session.entity';
import { idsOf, adminAccessToken } from '../factories/admin-token.factory';
import { TokenRows } from '../factories/token-rows.factory';
import { jobRows } from '../setup/job-rows';
import { createTestApp, type TestApp } from '../setup/test-app';

const V1 = '/api/admin/v1';

describe('admin API sessions, emails and clients (MAS admin/v1/*_sessions, user_emails, oauth2_clients)', () => {
  let t: TestApp;
  let ds: DataSource;
  let auth: string;
  before(async () => {
    t = await createTestApp();
    ds = t.running.app.get(DataSource);
    auth = `Bearer ${(await adminAccessToken(t.running.app)).token}`;
  });
  after(async () => {
    await t.close();
  });
  const get = (path: string) => t.http().get(path).set('Authorization', auth);
  const post = (path: string, body?: object) => {
    const r = t.http().post(path).set('Authorization', auth);
    return body === undefined ? r : r.send(body);
  };

  it('should list, get and finish a compat session, scheduling a device sync', async () => {
    const { session, user } = await new TokenRows(ds).compat();
    const listed = await get(`${V1}/compat-sessions?filter[user]=${user.id}`).expect(200);
    assert.equal(listed.body.meta.count, 1);
    assert.equal(listed.body.data[0].type, 'compat-session');
    assert.equal(listed.body.data[0].attributes.device_id, 'ABCDEFGHIJ');
    assert.equal(
      listed.body.links.self,
      `${V1}/compat-sessions?filter[user]=${user.id}&page[first]=10`,
    );
    const finished = await post(`${V1}/compat-sessions/${session.id}/finish`).expect(200);
    assert.notEqual(finished.body.data.attributes.finished_at, null);
    assert.equal(finished.body.links.self, `${V1}/compat-sessions/${session.id}/finish`);
    assert.ok(
      (await jobRows(ds, 'sync-devices')).some(
        (j) => (j.data as { userId: string }).userId === user.id,
      ),
    );
    const again = await post(`${V1}/compat-sessions/${session.id}/finish`).expect(400);
    assert.equal(
      again.body.errors[0].title,
      `Compatibility session with ID ${session.id} is already finished`,
    );
    const active = await get(
      `${V1}/compat-sessions?filter[user]=${user.id}&filter[status]=active`,
    ).expect(200);
    assert.equal(active.body.meta.count, 0);
    await get(`${V1}/compat-sessions?filter[user]=01ARZ3NDEKTSV4RRFFQ69G5FAV`).expect(404);
    await get(`${V1}/compat-sessions/01ARZ3NDEKTSV4RRFFQ69G5FAV`).expect(404);
  });

  it('should list, filter by scope and finish an OAuth 2.0 session, revoking its tokens', async () => {
    const target = await adminAccessToken(t.running.app, { scope: ['openid', 'urn:mas:admin'] });
    const byScope = await get(
      `${V1}/oauth2-sessions?filter[scope]=openid&filter[user]=${target.user!.id}`,
    ).expect(200);
    assert.deepEqual(idsOf(byScope.body), [target.sessionId]);
    assert.equal(byScope.body.data[0].attributes.scope, 'openid urn:mas:admin');
    assert.equal(byScope.body.data[0].attributes.client_id, target.client.id);
    await get(`${V1}/oauth2-sessions?filter[client]=01ARZ3NDEKTSV4RRFFQ69G5FAV`).expect(404);
    await get(`${V1}/oauth2-sessions?filter[created-after]=yesterday`).expect(400);
    await post(`${V1}/oauth2-sessions/${target.sessionId}/finish`).expect(200);
    const call = await t.http().get(`${V1}/version`).set('Authorization', `Bearer ${target.token}`);
    assert.equal(call.status, 401);
    await post(`${V1}/oauth2-sessions/${target.sessionId}/finish`).expect(400);
  });

  it('should list, get and finish a browser session', async () => {
    const user = await new TokenRows(ds).user();
    const id = ulid();
    await ds
      .getRepository(UserSessionEntity)
      .insert({ id, userId: user.id, createdAt: new Date() });
    const listed = await get(
      `${V1}/user-sessions?filter[user]=${user.id}&filter[status]=active`,
    ).expect(200);
    assert.deepEqual(idsOf(listed.body), [id]);
    const one = await get(`${V1}/user-sessions/${id}`).expect(200);
    assert.equal(one.body.data.attributes.user_id, user.id);
    await post(`${V1}/user-sessions/${id}/finish`).expect(200);
    await post(`${V1}/user-sessions/${id}/finish`).expect(400);
  });

  it('should add, list, get and delete user emails, queueing provisioning', async () => {
    const user = await new TokenRows(ds).user();
    const added = await post(`${V1}/user-emails`, {
      user_id: user.id,
      email: 'x@example.com',
    }).expect(201);
    assert.equal(added.body.data.type, 'user-email');
    await post(`${V1}/user-emails`, { user_id: user.id, email: 'X@example.com' }).expect(409);
    await post(`${V1}/user-emails`, { user_id: user.id, email: 'not an email' }).expect(400);
    await post(`${V1}/user-emails`, {
      user_id: '01ARZ3NDEKTSV4RRFFQ69G5FAV',
      email: 'y@example.com',
    }).expect(404);
    const listed = await get(`${V1}/user-emails?filter[user]=${user.id}`).expect(200);
    assert.equal(listed.body.meta.count, 1);
    await t
      .http()
      .delete(`${V1}/user-emails/${added.body.data.id}`)
      .set('Authorization', auth)
      .expect(204);
    await get(`${V1}/user-emails/${added.body.data.id}`).expect(404);
    const jobs = (await jobRows(ds, 'provision-user')).filter(
      (j) => (j.data as { userId: string }).userId === user.id,
    );
    assert.ok(jobs.length >= 1);
  });

  it('should list and get OAuth 2.0 clients with their grant types', async () => {
    const target = await adminAccessToken(t.running.app);
    const one = await get(`${V1}/oauth2-clients/${target.client.id}`).expect(200);
    assert.deepEqual(one.body.data.attributes.grant_types, ['authorization_code', 'refresh_token']);
    assert.equal(one.body.data.attributes.is_static, false);
    const active = await get(
      `${V1}/oauth2-clients?filter[has-active-sessions]=true&filter[client-kind]=dynamic`,
    ).expect(200);
    assert.ok(idsOf(active.body).includes(target.client.id));
    await get(`${V1}/oauth2-clients?filter[grant-type]=password`).expect(400);
  });
});
