import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { DataSource } from 'typeorm';
import { CompatSessionEntity } from '../../src/storage/compat/compat-session.entity';
import { OAuth2SessionEntity } from '../../src/storage/oauth2/oauth2-session.entity';
import { addClient, consentedGrant, REDIRECT_URI } from '../factories/code-flow.factory';
import { UserAccounts } from '../../src/users/user-accounts.service';
import { addCompatUser, passwordLogin, sessionOfToken } from '../factories/compat.factory';
import { RecordingHomeserver } from '../fakes/recording-homeserver';
import { queueIdle } from '../setup/job-rows';
import { createTestApp, type TestApp } from '../setup/test-app';
import { waitFor } from '../setup/wait-for';

const SECRET = 'compat-logout-secret';

describe('legacy logout, logout/all and refresh', () => {
  let fake: RecordingHomeserver;
  let t: TestApp;
  before(async () => {
    fake = await RecordingHomeserver.start({ serverName: 'example.test' });
    t = await createTestApp(
      `matrix:\n  homeserver: example.test\n  endpoint: "${fake.endpoint}"\n  secret: "${SECRET}"\n`,
    );
    await addCompatUser(t.running.app, 'bob');
  });
  after(async () => {
    await t.close();
    await fake.close();
  });
  beforeEach(() => {
    fake.reset();
  });

  const login = async (extra: Record<string, unknown> = {}) =>
    (await t.http().post('/_matrix/client/v3/login').send(passwordLogin('bob', extra)).expect(200))
      .body as { access_token: string; device_id: string; refresh_token?: string };
  const logout = (token: string, path = 'logout') =>
    t.http().post(`/_matrix/client/v3/${path}`).set('Authorization', `Bearer ${token}`).send({});
  const introspect = (token: string) =>
    t
      .http()
      .post('/oauth2/introspect')
      .set('Authorization', `Bearer ${SECRET}`)
      .set('X-MAS-Supports-Device-Id', '1')
      .type('form')
      .send({ token });
  const ds = () => t.running.app.get(DataSource);
  /** The device lists pushed to the homeserver since the last reset. */
  const syncedDevices = () =>
    fake
      .requestsTo('/_synapse/mas/sync_devices')
      .map((r) => (r.body as { devices: string[] }).devices);

  it('should introspect a compat token for the homeserver as client_id legacy with its device', async () => {
    const session = await login();
    const res = await introspect(session.access_token).expect(200);
    assert.equal(res.body.active, true);
    assert.equal(res.body.client_id, 'legacy');
    assert.equal(res.body.username, 'bob');
    assert.equal(res.body.device_id, session.device_id);
    assert.match(res.body.scope, /urn:matrix:client:api:\*/);
    assert.equal(res.body.expires_in, undefined, 'a compat token without refresh never expires');
  });

  it('should end the session on logout, answer {} and have the homeserver drop the device', async () => {
    const keep = await login();
    const gone = await login();
    const res = await logout(gone.access_token).expect(200);
    assert.deepEqual(res.body, {});
    assert.notEqual((await sessionOfToken(t.running.app, gone.access_token)).finishedAt, null);
    assert.equal((await introspect(gone.access_token)).body.active, false);
    await waitFor('the device sync after logout', () => syncedDevices().length > 0);
    const devices = syncedDevices().at(-1)!;
    assert.ok(devices.includes(keep.device_id));
    assert.ok(!devices.includes(gone.device_id));
    const again = await logout(gone.access_token).expect(401);
    assert.equal(again.body.errcode, 'M_UNKNOWN_TOKEN');
    assert.equal(again.body.soft_logout, false);
  });

  it('should accept the deprecated access_token query parameter', async () => {
    const session = await login();
    await t
      .http()
      .post(`/_matrix/client/v3/logout?access_token=${session.access_token}`)
      .send({})
      .expect(200);
  });

  it('should answer M_MISSING_TOKEN without a token and M_UNKNOWN_TOKEN for a bad one', async () => {
    for (const path of ['logout', 'logout/all']) {
      const missing = await t.http().post(`/_matrix/client/v3/${path}`).send({}).expect(401);
      assert.equal(missing.body.errcode, 'M_MISSING_TOKEN');
      const bad = await logout('mct_nope', path).expect(401);
      assert.equal(bad.body.errcode, 'M_UNKNOWN_TOKEN');
    }
  });

  it('should end every compat and OAuth session of the user on logout/all', async () => {
    const client = await addClient(t.running.app, { clientName: 'OAuth client' });
    const grant = await consentedGrant(t.running.app, client.id);
    const oauth = await t
      .http()
      .post('/oauth2/token')
      .type('form')
      .set(
        'Authorization',
        `Basic ${Buffer.from(`${client.id}:${client.secret}`).toString('base64')}`,
      )
      .send({
        grant_type: 'authorization_code',
        code: grant.code,
        redirect_uri: REDIRECT_URI,
        code_verifier: grant.verifier,
      })
      .expect(200);
    const owner = await t.running.app.get(UserAccounts).findById(grant.userId);
    const compatLogin = async () =>
      (
        await t
          .http()
          .post('/_matrix/client/v3/login')
          .send(passwordLogin(owner!.username, { password: 'correct horse battery' }))
          .expect(200)
      ).body as { access_token: string };
    const a = await compatLogin();
    const b = await compatLogin();
    const bystander = await login();
    await logout(a.access_token, 'logout/all').expect(200);
    for (const token of [a.access_token, b.access_token, oauth.body.access_token]) {
      assert.equal((await introspect(token)).body.active, false);
    }
    assert.equal((await introspect(bystander.access_token)).body.active, true, 'another user');
    const compat = await ds().getRepository(CompatSessionEntity).findBy({ userId: grant.userId });
    assert.ok(compat.length === 2 && compat.every((s) => s.finishedAt !== null));
    const sessions = await ds().getRepository(OAuth2SessionEntity).findBy({ userId: grant.userId });
    assert.ok(sessions.length === 1 && sessions.every((s) => s.finishedAt !== null));
    await waitFor('the device sync after logout/all', () => queueIdle(ds(), 'sync-devices'));
    assert.deepEqual(syncedDevices().at(-1), [], 'the homeserver drops every device of the user');
  });

  it('should rotate a refresh token once: the old access token stops working, a replay is refused', async () => {
    const first = await login({ refresh_token: true });
    assert.ok(first.refresh_token);
    const refresh = (token: string) =>
      t.http().post('/_matrix/client/v3/refresh').send({ refresh_token: token });
    const next = await refresh(first.refresh_token).expect(200);
    assert.match(next.body.access_token, /^mct_/);
    assert.match(next.body.refresh_token, /^mcr_/);
    assert.equal(next.body.expires_in_ms, 300_000);
    assert.equal((await introspect(first.access_token)).body.active, false);
    assert.equal((await introspect(next.body.access_token)).body.active, true);
    const replay = await refresh(first.refresh_token).expect(401);
    assert.equal(replay.body.errcode, 'M_UNKNOWN_TOKEN');
    const [x, y] = await Promise.all([
      refresh(next.body.refresh_token),
      refresh(next.body.refresh_token),
    ]);
    assert.deepEqual([x.status, y.status].sort(), [200, 401], 'one of two racing refreshes wins');
  });

  it('should refuse refresh bodies that are not a refresh token', async () => {
    const cases: [unknown, number, string][] = [
      [{}, 400, 'M_MISSING_PARAM'],
      [{ refresh_token: 7 }, 400, 'M_BAD_JSON'],
      [{ refresh_token: 'mcr_unknown' }, 401, 'M_UNKNOWN_TOKEN'],
      [{ refresh_token: (await login()).access_token }, 401, 'M_UNKNOWN_TOKEN'],
    ];
    for (const [body, status, errcode] of cases) {
      const res = await t
        .http()
        .post('/_matrix/client/v3/refresh')
        .send(body as object);
      assert.equal(res.status, status, JSON.stringify(body));
      assert.equal(res.body.errcode, errcode, JSON.stringify(body));
    }
  });
});
