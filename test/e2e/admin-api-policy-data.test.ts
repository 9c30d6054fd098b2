import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { adminAccessToken } from '../factories/admin-token.factory';
import { addCompatUser, passwordLogin } from '../factories/compat.factory';
import { createTestApp, type TestApp } from '../setup/test-app';

const POLICY_DATA = '/api/admin/v1/policy-data';
const BAN = { requester: { banned_ips: ['203.0.113.0/24'] } };

/** MAS admin/v1/policy_data: dynamic policy data, in force at once. */
describe('admin API /policy-data (MAS admin/v1/policy_data)', () => {
  let t: TestApp;
  let auth: string;
  before(async () => {
    t = await createTestApp();
    auth = `Bearer ${(await adminAccessToken(t.running.app)).token}`;
    await addCompatUser(t.running.app, 'alice');
  });
  after(async () => {
    await t.close();
  });
  const get = (path: string) => t.http().get(path).set('Authorization', auth);
  const post = (body: unknown) =>
    t
      .http()
      .post(POLICY_DATA)
      .set('Authorization', auth)
      .set('Content-Type', 'application/json')
      .send(JSON.stringify(body));
  const loginFrom = (ip: string) =>
    t
      .http()
      .post('/_matrix/client/v3/login')
      .set('X-Forwarded-For', ip)
      .send(passwordLogin('alice'));

  it('should answer 404 before any data is set', async () => {
    const res = await get(`${POLICY_DATA}/latest`).expect(404);
    assert.deepEqual(res.body, { errors: [{ title: 'No policy data found' }] });
  });

  it('should store new data, serve it by id and as the latest, and apply it at once', async () => {
    assert.equal((await loginFrom('203.0.113.9')).status, 200, 'not banned yet');
    const set = await post({ data: BAN }).expect(201);
    assert.equal(set.body.data.type, 'policy-data');
    assert.deepEqual(set.body.data.attributes.data, BAN);
    assert.match(set.body.data.attributes.created_at, /^\d{4}-\d\d-\d\dT/);
    const id = set.body.data.id as string;
    assert.equal(set.body.data.links.self, `${POLICY_DATA}/${id}`);

    const latest = await get(`${POLICY_DATA}/latest`).expect(200);
    assert.equal(latest.body.data.id, id);
    const byId = await get(`${POLICY_DATA}/${id}`).expect(200);
    assert.deepEqual(byId.body.data.attributes.data, BAN);

    const banned = await loginFrom('203.0.113.9');
    assert.equal(banned.status, 403, banned.text);
    assert.equal(banned.body.errcode, 'M_FORBIDDEN');
    assert.equal((await loginFrom('198.51.100.9')).status, 200);
  });

  it('should refuse data the engine would not accept, keeping the data in force', async () => {
    const before = (await get(`${POLICY_DATA}/latest`).expect(200)).body.data.id as string;
    const bad = await post({ data: { admin_users: 'everyone' } }).expect(400);
    assert.equal(bad.body.errors[0].title, 'Failed to instanciate policy with the provided data');
    assert.match(JSON.stringify(bad.body.errors), /admin_users/);
    const clash = await post({ data: { server_name: ['not', 'a', 'string'] } }).expect(400);
    assert.equal(clash.body.errors[0].title, 'Failed to instanciate policy with the provided data');
    assert.equal((await get(`${POLICY_DATA}/latest`).expect(200)).body.data.id, before);
    assert.equal((await loginFrom('203.0.113.9')).status, 403, 'the ban stays in force');
  });

  it('should refuse a body without an object `data`, and unknown ids', async () => {
    for (const body of [{}, { data: [] }, { data: 'x' }, { data: null }]) {
      const res = await post(body);
      assert.equal(res.status, 422, JSON.stringify(body));
      assert.ok(Array.isArray(res.body.errors), res.text);
    }
    await get(`${POLICY_DATA}/01ARZ3NDEKTSV4RRFFQ69G5FAV`).expect(404);
    await get(`${POLICY_DATA}/not-an-id`).expect(400);
  });

  it('should need an admin token', async () => {
    const res = await t.http().get(`${POLICY_DATA}/latest`).set('Authorization', 'Bearer mat_nope');
    assert.equal(res.status, 401);
  });
});
