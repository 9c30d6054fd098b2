import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { DataSource } from 'typeorm';
import { CompatSessionEntity } from '../../src/storage/compat/compat-session.entity';
import { UserLocking } from '../../src/users/user-locking.service';
import { UserRepository } from '../../src/storage/users/user.repository';
import { addCompatUser, passwordLogin, sessionOfToken } from '../factories/compat.factory';
import { RecordingHomeserver } from '../fakes/recording-homeserver';
import { createTestApp, type TestApp } from '../setup/test-app';

const SECRET = 'compat-login-secret';
const TOKEN = /^mct_[A-Za-z0-9]{30}_[A-Za-z0-9]{6}$/;

describe('legacy Matrix login: GET|POST /_matrix/client/{version}/login', () => {
  let fake: RecordingHomeserver;
  let t: TestApp;
  before(async () => {
    fake = await RecordingHomeserver.start({ serverName: 'example.test' });
    t = await createTestApp(
      `matrix:\n  homeserver: example.test\n  endpoint: "${fake.endpoint}"\n  secret: "${SECRET}"\n` +
        `account:\n  login_with_email_allowed: true\n`,
    );
    await addCompatUser(t.running.app, 'alice', { emails: ['alice@example.org'] });
    await addCompatUser(t.running.app, 'locked');
    await addCompatUser(t.running.app, 'gone');
  });
  after(async () => {
    await t.close();
    await fake.close();
  });
  beforeEach(async () => {
    await fake.restart();
    fake.reset();
  });

  const login = (body: unknown, version = 'v3') =>
    t
      .http()
      .post(`/_matrix/client/${version}/login`)
      .send(body as object);
  const ds = () => t.running.app.get(DataSource);

  it('should list password, SSO (OAuth-aware preferred) and token flows for any version', async () => {
    for (const version of ['v3', 'r0']) {
      const res = await t.http().get(`/_matrix/client/${version}/login`).expect(200);
      assert.deepEqual(res.body, {
        flows: [
          { type: 'm.login.password' },
          {
            type: 'm.login.sso',
            identity_providers: [],
            oauth_aware_preferred: true,
            'org.matrix.msc3824.delegated_oidc_compatibility': true,
          },
          { type: 'm.login.token' },
        ],
      });
      assert.equal(res.headers['access-control-allow-origin'], '*');
    }
  });

  it('should log in with a localpart, provisioning the user and device on the homeserver before answering', async () => {
    const res = await login(
      passwordLogin('alice', { initial_device_display_name: 'Old Phone' }),
    ).expect(200);
    assert.equal(res.body.user_id, '@alice:example.test');
    assert.match(res.body.access_token, TOKEN);
    assert.match(res.body.device_id, /^[A-Za-z0-9]{10}$/);
    assert.equal(res.body.refresh_token, undefined);
    assert.equal(res.body.expires_in_ms, undefined);
    const provision = fake.requestsTo('/_synapse/mas/provision_user');
    assert.equal(provision.length, 1);
    assert.equal((provision[0].body as { localpart: string }).localpart, 'alice');
    const upsert = fake.requestsTo('/_synapse/mas/upsert_device');
    assert.deepEqual(
      upsert.map((r) => r.body),
      [{ localpart: 'alice', device_id: res.body.device_id, display_name: 'Old Phone' }],
    );
    const session = await sessionOfToken(t.running.app, res.body.access_token);
    assert.equal(session.deviceId, res.body.device_id);
    assert.equal(session.humanName, 'Old Phone');
    assert.equal(session.finishedAt, null);
  });

  it('should accept a full MXID, the deprecated top-level user, r0, and an email identifier', async () => {
    for (const body of [
      passwordLogin('@alice:example.test'),
      passwordLogin('ALICE'),
      { type: 'm.login.password', user: 'alice', password: 'correct horse battery staple' },
      {
        type: 'm.login.password',
        identifier: { type: 'm.id.thirdparty', medium: 'email', address: 'alice@example.org' },
        password: 'correct horse battery staple',
      },
    ]) {
      const res = await login(body, 'r0').expect(200);
      assert.equal(res.body.user_id, '@alice:example.test', JSON.stringify(body));
    }
  });

  it('should issue an expiring token and a refresh token when the client asks for refresh tokens', async () => {
    const res = await login(passwordLogin('alice', { refresh_token: true })).expect(200);
    assert.match(res.body.refresh_token, /^mcr_[A-Za-z0-9]{30}_[A-Za-z0-9]{6}$/);
    assert.equal(res.body.expires_in_ms, 300_000);
  });

  it('should end the earlier session of a device the client logs in with again', async () => {
    const first = await login(passwordLogin('alice', { device_id: 'REUSEDDEVICE' })).expect(200);
    const second = await login(passwordLogin('alice', { device_id: 'REUSEDDEVICE' })).expect(200);
    assert.equal(second.body.device_id, 'REUSEDDEVICE');
    const old = await sessionOfToken(t.running.app, first.body.access_token);
    assert.notEqual(old.finishedAt, null, 'the first session was replaced');
    const sessions = await ds()
      .getRepository(CompatSessionEntity)
      .findBy({ deviceId: 'REUSEDDEVICE' });
    assert.equal(sessions.filter((s) => s.finishedAt === null).length, 1);
    await t
      .http()
      .post('/_matrix/client/v3/logout')
      .set('Authorization', `Bearer ${first.body.access_token}`)
      .expect(401);
  });

  it('should answer a wrong password, an unknown user, another server and a deactivated user with the same M_FORBIDDEN', async () => {
    const users = t.running.app.get(UserRepository);
    const gone = await users.findByUsername('gone');
    await users.deactivate(gone!.id, new Date());
    const answers = [];
    for (const body of [
      passwordLogin('alice', { password: 'wrong password' }),
      passwordLogin('nobody'),
      passwordLogin('@alice:other.example'),
      passwordLogin('gone'),
    ]) {
      const res = await login(body).expect(403);
      answers.push(res.body);
    }
    for (const body of answers) {
      assert.deepEqual(body, { errcode: 'M_FORBIDDEN', error: 'Invalid username or password' });
    }
    for (const path of ['/_synapse/mas/provision_user', '/_synapse/mas/upsert_device']) {
      assert.equal(fake.requestsTo(path).length, 0, `no ${path} for a refused login`);
    }
  });

  it('should tell a locked user M_USER_LOCKED only after a correct password', async () => {
    const users = t.running.app.get(UserRepository);
    const locked = await users.findByUsername('locked');
    await t.running.app.get(UserLocking).lock(locked!.id);
    const wrong = await login(passwordLogin('locked', { password: 'nope' })).expect(403);
    assert.equal(wrong.body.errcode, 'M_FORBIDDEN');
    const right = await login(passwordLogin('locked')).expect(401);
    assert.equal(right.body.errcode, 'M_USER_LOCKED');
    assert.equal(right.body.soft_logout, false);
  });

  it('should answer 503 with retry_after_ms and store nothing while the homeserver is down', async () => {
    const before = await ds().getRepository(CompatSessionEntity).count();
    await fake.stop();
    const res = await login(passwordLogin('alice')).expect(503);
    assert.equal(res.body.errcode, 'M_UNKNOWN');
    assert.equal(typeof res.body.retry_after_ms, 'number');
    assert.equal(await ds().getRepository(CompatSessionEntity).count(), before);
    await fake.restart();
    await login(passwordLogin('alice')).expect(200);
  });

  it('should refuse bad login bodies with the Matrix error that names the problem', async () => {
    const cases: [unknown, number, string][] = [
      [{ identifier: { type: 'm.id.user', user: 'alice' }, password: 'x' }, 400, 'M_MISSING_PARAM'],
      [{ type: 'm.login.dummy' }, 400, 'M_UNKNOWN'],
      [{ type: 42 }, 400, 'M_BAD_JSON'],
      [
        { type: 'm.login.password', identifier: { type: 'm.id.user', user: 'alice' } },
        400,
        'M_MISSING_PARAM',
      ],
      [{ type: 'm.login.password', identifier: 'alice', password: 'x' }, 400, 'M_BAD_JSON'],
      [
        {
          type: 'm.login.password',
          identifier: { type: 'm.id.phone', country: 'FR', phone: '1' },
          password: 'x',
        },
        400,
        'M_UNKNOWN',
      ],
      [passwordLogin('alice', { refresh_token: 'yes' }), 400, 'M_BAD_JSON'],
      [passwordLogin('alice', { device_id: 'has space' }), 400, 'M_INVALID_PARAM'],
      [passwordLogin('alice', { device_id: 'D'.repeat(256) }), 400, 'M_INVALID_PARAM'],
      [{ type: 'm.login.token', token: 'not-a-login-token' }, 403, 'M_FORBIDDEN'],
      [[1, 2], 400, 'M_BAD_JSON'],
    ];
    for (const [body, status, errcode] of cases) {
      const res = await login(body);
      assert.equal(res.status, status, JSON.stringify(body));
      assert.equal(res.body.errcode, errcode, JSON.stringify(body));
      assert.equal(typeof res.body.error, 'string');
    }
  });

  it('should answer M_NOT_JSON, M_TOO_LARGE and M_UNRECOGNIZED the Matrix way, never HTML', async () => {
    const notJson = await t
      .http()
      .post('/_matrix/client/v3/login')
      .set('Content-Type', 'application/json')
      .send('{"type": "m.login.password", ');
    assert.equal(notJson.status, 400);
    assert.equal(notJson.body.errcode, 'M_NOT_JSON');
    const form = await t
      .http()
      .post('/_matrix/client/v3/login')
      .type('form')
      .send({ type: 'm.login.password' });
    assert.equal(form.body.errcode, 'M_NOT_JSON');
    const noType = await t
      .http()
      .post('/_matrix/client/v3/login')
      .unset('Content-Type')
      .send(Buffer.from(JSON.stringify(passwordLogin('alice'))));
    assert.equal(noType.status, 200, 'a missing content type is tolerated');
    const huge = await login({ type: 'm.login.password', pad: 'x'.repeat(100_000) });
    assert.equal(huge.status, 413);
    assert.equal(huge.body.errcode, 'M_TOO_LARGE');
    const unknown = await t.http().get('/_matrix/client/v3/sync').set('Accept', 'text/html');
    assert.equal(unknown.status, 404);
    assert.equal(unknown.body.errcode, 'M_UNRECOGNIZED');
    assert.match(unknown.headers['content-type'], /application\/json/);
    const wrongMethod = await t.http().get('/_matrix/client/v3/logout');
    assert.equal(wrongMethod.status, 405);
    assert.equal(wrongMethod.body.errcode, 'M_UNRECOGNIZED');
    const put = await t.http().put('/_matrix/client/v3/login').send({});
    assert.equal(put.status, 405);
  });

  it('should answer the CORS preflight of browser clients', async () => {
    const res = await t
      .http()
      .options('/_matrix/client/v3/login')
      .set('Origin', 'https://app.element.io')
      .set('Access-Control-Request-Method', 'POST')
      .set('Access-Control-Request-Headers', 'content-type,authorization');
    assert.ok(res.status === 204 || res.status === 200, `status ${res.status}`);
    assert.equal(res.headers['access-control-allow-origin'], '*');
    assert.match(res.headers['access-control-allow-headers'], /authorization/i);
  });
});
