import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { DataSource } from 'typeorm';
import { adminAccessToken, type AdminToken } from '../factories/admin-token.factory';
import { TokenRows } from '../factories/token-rows.factory';
import { createTestApp, type TestApp } from '../setup/test-app';

const PERSONAL = '/api/admin/v1/personal-sessions';

describe('admin API /personal-sessions (MAS admin/v1/personal_sessions)', () => {
  let t: TestApp;
  let admin: AdminToken;
  let actorId: string;
  before(async () => {
    t = await createTestApp();
    admin = await adminAccessToken(t.running.app);
    actorId = (await new TokenRows(t.running.app.get(DataSource)).user()).id;
  });
  after(async () => {
    await t.close();
  });
  const post = (path: string, body: object, token = admin.token) =>
    t.http().post(path).set('Authorization', `Bearer ${token}`).send(body);

  it('should create a session whose one-time mpt_ token introspects and calls the admin API', async () => {
    const res = await post(PERSONAL, {
      actor_user_id: actorId,
      human_name: 'CI bot',
      scope: 'urn:mas:admin urn:matrix:client:api:*',
      expires_in: 3600,
    }).expect(201);
    const attrs = res.body.data.attributes;
    assert.match(attrs.access_token, /^mpt_[A-Za-z0-9]{30}_[A-Za-z0-9]{6}$/);
    assert.equal(attrs.owner_user_id, admin.user!.id);
    assert.equal(attrs.actor_user_id, actorId);
    assert.notEqual(attrs.expires_at, null);
    const got = await t
      .http()
      .get(`${PERSONAL}/${res.body.data.id}`)
      .set('Authorization', `Bearer ${attrs.access_token}`)
      .expect(200);
    assert.equal(got.body.data.attributes.access_token, undefined);
    const introspected = await t
      .http()
      .post('/oauth2/introspect')
      .set('Authorization', `Bearer ${t.config.matrix.sharedSecret()}`)
      .type('form')
      .send({ token: attrs.access_token, token_type_hint: 'access_token' })
      .expect(200);
    assert.equal(introspected.body.active, true);
  });

  it('should regenerate (owner only) and revoke, ending the old token', async () => {
    const created = await post(PERSONAL, {
      actor_user_id: actorId,
      human_name: 'rotating',
      scope: 'urn:mas:admin',
    }).expect(201);
    const id = created.body.data.id as string;
    const old = created.body.data.attributes.access_token as string;
    const other = await adminAccessToken(t.running.app);
    const notYours = await post(`${PERSONAL}/${id}/regenerate`, {}, other.token).expect(403);
    assert.equal(notYours.body.errors[0].title, 'Session does not belong to you');
    const regen = await post(`${PERSONAL}/${id}/regenerate`, { expires_in: 60 }).expect(201);
    const fresh = regen.body.data.attributes.access_token as string;
    assert.notEqual(fresh, old);
    const oldCall = await t
      .http()
      .get('/api/admin/v1/version')
      .set('Authorization', `Bearer ${old}`);
    assert.equal(oldCall.status, 401);
    await t.http().get('/api/admin/v1/version').set('Authorization', `Bearer ${fresh}`).expect(200);
    const revoked = await post(`${PERSONAL}/${id}/revoke`, {}).expect(200);
    assert.notEqual(revoked.body.data.attributes.revoked_at, null);
    await post(`${PERSONAL}/${id}/revoke`, {}).expect(409);
    await post(`${PERSONAL}/${id}/regenerate`, {}).expect(422);
    const gone = await t
      .http()
      .get('/api/admin/v1/version')
      .set('Authorization', `Bearer ${fresh}`);
    assert.equal(gone.status, 401);
    assert.equal(gone.body.errors[0].title, 'Access token revoked');
  });

  it('should refuse unknown actors, bad scopes, and filter by status', async () => {
    await post(PERSONAL, {
      actor_user_id: '01ARZ3NDEKTSV4RRFFQ69G5FAV',
      human_name: 'x',
      scope: 'openid',
    }).expect(404);
    await post(PERSONAL, { actor_user_id: actorId, human_name: 'x', scope: 'bad"scope' }).expect(
      400,
    );
    const revoked = await t
      .http()
      .get(`${PERSONAL}?filter[status]=revoked&filter[actor_user]=${actorId}`)
      .set('Authorization', `Bearer ${admin.token}`)
      .expect(200);
    assert.equal(revoked.body.meta.count, 1);
  });
});
