import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { DataSource } from 'typeorm';
import { ulid } from 'ulid';
import { ActivityTracker } from '../../src/activity';
import { CryptoRng, generateToken, hashToken, SystemClock, TokenType } from '../../src/core';
import { syncStaticClients } from '../../src/static-clients/sync-static-clients';
import { CompatRefreshTokenEntity } from '../../src/storage/compat/compat-refresh-token.entity';
import { CompatSessionEntity } from '../../src/storage/compat/compat-session.entity';
import { OAuth2AccessTokenEntity } from '../../src/storage/oauth2/oauth2-access-token.entity';
import { OAuth2RefreshTokenEntity } from '../../src/storage/oauth2/oauth2-refresh-token.entity';
import { OAuth2SessionEntity } from '../../src/storage/oauth2/oauth2-session.entity';
import { PersonalAccessTokenEntity } from '../../src/storage/personal/personal-access-token.entity';
import { PersonalSessionEntity } from '../../src/storage/personal/personal-session.entity';
import { UserEntity } from '../../src/storage/users/user.entity';
import { UserRepository } from '../../src/storage/users/user.repository';
import {
  addClient,
  addCodeFlowClient,
  consentedGrant,
  REDIRECT_URI,
  type TestClient,
} from '../factories/code-flow.factory';
import { queriesOf } from '../setup/query-log';
import { createTestApp, type TestApp } from '../setup/test-app';
import { TokenRows } from '../factories/token-rows.factory';

const SYNAPSE_CLIENT_ID = '0000000000000000000SYNAPSE';
const SYNAPSE_CLIENT_SECRET = 'legacy-synapse-client-secret';
const STATIC_CLIENT = `
clients:
  - client_id: ${SYNAPSE_CLIENT_ID}
    client_auth_method: client_secret_basic
    client_secret: ${SYNAPSE_CLIENT_SECRET}
`;

const API = 'urn:matrix:client:api:*';
const API_U = 'urn:matrix:org.matrix.msc2967.client:api:*';
const DEVICE = 'ABCDEFGHIJ';
const DEV = `urn:matrix:client:device:${DEVICE}`;
const DEV_U = `urn:matrix:org.matrix.msc2967.client:device:${DEVICE}`;
const GRANTED = `openid ${API} ${DEV}`;
const INACTIVE = { active: false };

/** Every member of an active OAuth access token answer, in MAS's order (CONTRACTS §2). */
const ACCESS_KEYS = [
  'active',
  'scope',
  'client_id',
  'username',
  'token_type',
  'exp',
  'expires_in',
  'iat',
  'nbf',
  'sub',
  'jti',
];

const rng = new CryptoRng(new SystemClock());
const seconds = (d: Date) => Math.floor(d.getTime() / 1000);

describe('introspection endpoint (RFC 7662, as Synapse reads it)', () => {
  let t: TestApp;
  let client: TestClient;
  let secret: string;

  before(async () => {
    t = await createTestApp(STATIC_CLIENT);
    await syncStaticClients(t.db.dataSource, t.config, { prune: false, dryRun: false });
    client = await addCodeFlowClient(t.running.app);
    secret = t.config.matrix.sharedSecret();
  });
  after(async () => {
    await t.close();
  });

  const app = () => t.running.app;
  const ds = () => app().get(DataSource);
  const basic = (id: string, s: string | null) =>
    `Basic ${Buffer.from(`${id}:${s ?? ''}`).toString('base64')}`;

  interface Caller {
    authorization?: string;
    /** Sends `X-MAS-Supports-Device-Id: 1`, as Synapse ≥ 1.135 does. */
    deviceHeader?: boolean;
    form?: Record<string, string>;
  }

  /** The request modern Synapse sends (CONTRACTS §2), unless `caller` says otherwise. */
  function introspect(token: string, caller: Caller = {}) {
    let req = t
      .http()
      .post('/oauth2/introspect')
      .set('Authorization', caller.authorization ?? `Bearer ${secret}`)
      .type('form');
    if (caller.deviceHeader ?? true) req = req.set('X-MAS-Supports-Device-Id', '1');
    return req.send({ token, token_type_hint: 'access_token', ...caller.form });
  }

  async function assertInactive(token: string, caller: Caller = {}, note = token) {
    const res = await introspect(token, caller);
    assert.equal(res.status, 200, note);
    assert.deepEqual(res.body, INACTIVE, note);
  }

  interface Tokens {
    access_token: string;
    refresh_token: string;
    userId: string;
    username: string;
    sessionId: string;
  }

  /** A real token pair from the code flow for a fresh user who consented to `scope`. */
  async function tokensFor(scope = GRANTED): Promise<Tokens> {
    const g = await consentedGrant(app(), client.id, scope);
    const res = await t
      .http()
      .post('/oauth2/token')
      .set('Authorization', basic(client.id, client.secret))
      .type('form')
      .send({
        grant_type: 'authorization_code',
        code: g.code,
        redirect_uri: REDIRECT_URI,
        code_verifier: g.verifier,
      })
      .expect(200);
    const user = await app().get(UserRepository).findById(g.userId);
    const row = await accessRow(res.body.access_token as string);
    return {
      access_token: res.body.access_token as string,
      refresh_token: res.body.refresh_token as string,
      userId: g.userId,
      username: user!.username,
      sessionId: row!.oauth2SessionId,
    };
  }

  const accessRow = (token: string) =>
    ds()
      .getRepository(OAuth2AccessTokenEntity)
      .findOneBy({ accessTokenSha256: hashToken(token) });
  const refreshRow = (token: string) =>
    ds()
      .getRepository(OAuth2RefreshTokenEntity)
      .findOneBy({ refreshTokenSha256: hashToken(token) });
  const refresh = (token: string) =>
    t
      .http()
      .post('/oauth2/token')
      .set('Authorization', basic(client.id, client.secret))
      .type('form')
      .send({ grant_type: 'refresh_token', refresh_token: token });

  const rows = () => new TokenRows(ds());
  const addUser = (patch: Partial<UserEntity> = {}) => rows().user(patch);
  const addCompat = (o: Parameters<TokenRows['compat']>[0] = {}) => rows().compat(o);
  const addPersonal = (o: Parameters<TokenRows['personal']>[0] = {}) => rows().personal(o);

  describe('caller authentication (RFC 7662 §2.1)', () => {
    it("should answer the homeserver's Bearer shared secret (matrix.secret)", async () => {
      const tokens = await tokensFor();
      const res = await introspect(tokens.access_token).expect(200);
      assert.equal(res.body.active, true);
      assert.match(res.headers['content-type'], /^application\/json/);
      assert.equal(res.headers['cache-control'], 'no-store');
    });

    it('should accept the scheme name in any letter case', async () => {
      const tokens = await tokensFor();
      const res = await introspect(tokens.access_token, { authorization: `bearer ${secret}` });
      assert.equal(res.body.active, true);
    });

    it('should answer the static 0000000000000000000SYNAPSE client with client_secret_basic (msc3861)', async () => {
      const tokens = await tokensFor();
      const res = await introspect(tokens.access_token, {
        authorization: basic(SYNAPSE_CLIENT_ID, SYNAPSE_CLIENT_SECRET),
        deviceHeader: false,
      }).expect(200);
      assert.equal(res.body.active, true);
      assert.equal(res.body.username, tokens.username);
    });

    it('should answer a dynamically registered confidential client (client_secret_post)', async () => {
      const rp = await addClient(app(), { tokenEndpointAuthMethod: 'client_secret_post' });
      const tokens = await tokensFor();
      const res = await t
        .http()
        .post('/oauth2/introspect')
        .type('form')
        .send({ token: tokens.access_token, client_id: rp.id, client_secret: rp.secret! })
        .expect(200);
      assert.equal(res.body.active, true);
    });

    it('should refuse a public client with 401 invalid_client, never an answer about the token', async () => {
      const pub = await addClient(app(), { tokenEndpointAuthMethod: 'none' });
      const tokens = await tokensFor();
      const res = await t
        .http()
        .post('/oauth2/introspect')
        .type('form')
        .send({ token: tokens.access_token, client_id: pub.id });
      assert.equal(res.status, 401);
      assert.equal(res.body.error, 'invalid_client');
      assert.equal('active' in res.body, false);
    });

    it('should refuse a wrong shared secret with 401 invalid_client and a Bearer challenge', async () => {
      const tokens = await tokensFor();
      for (const authorization of [`Bearer ${secret}x`, 'Bearer', `Bearer ${secret.slice(1)}`]) {
        const res = await introspect(tokens.access_token, { authorization });
        assert.equal(res.status, 401, authorization);
        assert.equal(res.body.error, 'invalid_client');
        assert.equal(
          'active' in res.body,
          false,
          'a misconfigured secret must not look like logout',
        );
        assert.equal(res.headers['www-authenticate'], 'Bearer realm="mas-ts"');
        assert.equal(res.headers['cache-control'], 'no-store');
      }
    });

    it('should refuse a request without any authentication with 401 invalid_client', async () => {
      const tokens = await tokensFor();
      const res = await t
        .http()
        .post('/oauth2/introspect')
        .type('form')
        .send({ token: tokens.access_token });
      assert.equal(res.status, 401);
      assert.equal(res.body.error, 'invalid_client');
    });

    it('should refuse wrong client credentials with 401 invalid_client and a Basic challenge', async () => {
      const tokens = await tokensFor();
      const res = await introspect(tokens.access_token, {
        authorization: basic(SYNAPSE_CLIENT_ID, 'wrong'),
      });
      assert.equal(res.status, 401);
      assert.equal(res.body.error, 'invalid_client');
      assert.equal(res.headers['www-authenticate'], 'Basic realm="mas-ts"');
    });

    it('should refuse a shared secret and client credentials together (RFC 6749 §2.3)', async () => {
      const tokens = await tokensFor();
      const res = await introspect(tokens.access_token, {
        form: { client_id: SYNAPSE_CLIENT_ID, client_secret: SYNAPSE_CLIENT_SECRET },
      });
      assert.equal(res.status, 400);
      assert.equal(res.body.error, 'invalid_request');
    });
  });

  describe('malformed requests', () => {
    it('should refuse a missing, empty or repeated token with 400 invalid_request', async () => {
      const tokens = await tokensFor();
      const bodies = [
        'token_type_hint=access_token',
        'token=',
        `token=${tokens.access_token}&token=${tokens.access_token}`,
      ];
      for (const body of bodies) {
        const res = await t
          .http()
          .post('/oauth2/introspect')
          .set('Authorization', `Bearer ${secret}`)
          .type('form')
          .send(body);
        assert.equal(res.status, 400, body);
        assert.equal(res.body.error, 'invalid_request', body);
      }
    });

    it('should refuse a body that is not form-encoded with 400 invalid_request', async () => {
      const tokens = await tokensFor();
      const res = await t
        .http()
        .post('/oauth2/introspect')
        .set('Authorization', `Bearer ${secret}`)
        .send({ token: tokens.access_token });
      assert.equal(res.status, 400);
      assert.equal(res.body.error, 'invalid_request');
    });
  });

  describe('active OAuth 2.0 tokens (CONTRACTS §2)', () => {
    it('should answer exactly the members Synapse reads, with both scope namespaces', async () => {
      const tokens = await tokensFor();
      const row = await accessRow(tokens.access_token);
      const res = await introspect(tokens.access_token, { deviceHeader: false }).expect(200);
      assert.deepEqual(Object.keys(res.body), ACCESS_KEYS);
      assert.deepEqual(res.body, {
        active: true,
        scope: ['openid', API, DEV, API_U, DEV_U].join(' '),
        client_id: client.id,
        username: tokens.username,
        token_type: 'access_token',
        exp: seconds(row!.expiresAt!),
        expires_in: res.body.expires_in as number,
        iat: seconds(row!.createdAt),
        nbf: seconds(row!.createdAt),
        sub: tokens.userId,
        jti: row!.id,
      });
      assert.ok(Number.isInteger(res.body.expires_in));
      assert.ok(res.body.expires_in > 290 && res.body.expires_in <= 300, `${res.body.expires_in}`);
    });

    it('should add the device as device_id for a caller sending X-MAS-Supports-Device-Id: 1', async () => {
      const tokens = await tokensFor();
      const res = await introspect(tokens.access_token, { deviceHeader: true }).expect(200);
      assert.deepEqual(Object.keys(res.body), [...ACCESS_KEYS, 'device_id']);
      assert.equal(res.body.device_id, DEVICE);
      assert.equal(res.body.scope, ['openid', API, DEV, API_U, DEV_U].join(' '));
    });

    it('should ignore an X-MAS-Supports-Device-Id header other than 1', async () => {
      const tokens = await tokensFor();
      const res = await t
        .http()
        .post('/oauth2/introspect')
        .set('Authorization', `Bearer ${secret}`)
        .set('X-MAS-Supports-Device-Id', 'yes')
        .type('form')
        .send({ token: tokens.access_token })
        .expect(200);
      assert.equal('device_id' in res.body, false);
    });

    it('should answer the stable API scope for a session granted only the unstable one', async () => {
      const tokens = await tokensFor(`${API_U} ${DEV_U}`);
      const res = await introspect(tokens.access_token).expect(200);
      assert.equal(res.body.scope, [API, DEV, API_U, DEV_U].join(' '));
    });

    it('should pass urn:synapse:admin:* through when the session was granted it', async () => {
      const tokens = await tokensFor(GRANTED);
      await ds()
        .getRepository(OAuth2SessionEntity)
        .update(
          { id: tokens.sessionId },
          { scopeList: ['openid', API, DEV, 'urn:synapse:admin:*'] },
        );
      const res = await introspect(tokens.access_token).expect(200);
      assert.ok((res.body.scope as string).split(' ').includes('urn:synapse:admin:*'));
    });

    it('should send expires_in as an integer when a fraction of a second remains', async () => {
      const tokens = await tokensFor();
      const expiresAt = new Date(Date.now() + 299_500);
      await ds()
        .getRepository(OAuth2AccessTokenEntity)
        .update({ accessTokenSha256: hashToken(tokens.access_token) }, { expiresAt });
      const res = await introspect(tokens.access_token).expect(200);
      assert.match(res.text, /"expires_in":\d+[,}]/, 'a JSON integer, not 299.5');
      assert.ok(Number.isInteger(res.body.expires_in));
      assert.ok(res.body.expires_in >= 290 && res.body.expires_in <= 299, `${res.body.expires_in}`);
      assert.equal(res.body.exp, seconds(expiresAt));
      assert.equal('retrieved_at_ms' in res.body, false);
    });

    it('should leave out exp and expires_in for an access token that never expires', async () => {
      const tokens = await tokensFor();
      await ds()
        .getRepository(OAuth2AccessTokenEntity)
        .update({ accessTokenSha256: hashToken(tokens.access_token) }, { expiresAt: null });
      const res = await introspect(tokens.access_token).expect(200);
      assert.equal(res.body.active, true);
      assert.equal('exp' in res.body, false);
      assert.equal('expires_in' in res.body, false);
    });

    it('should describe a refresh token, which never expires, under the refresh_token hint', async () => {
      const tokens = await tokensFor();
      const row = await refreshRow(tokens.refresh_token);
      const res = await introspect(tokens.refresh_token, {
        form: { token_type_hint: 'refresh_token' },
        deviceHeader: false,
      }).expect(200);
      assert.deepEqual(res.body, {
        active: true,
        scope: ['openid', API, DEV, API_U, DEV_U].join(' '),
        client_id: client.id,
        username: tokens.username,
        token_type: 'refresh_token',
        iat: seconds(row!.createdAt),
        nbf: seconds(row!.createdAt),
        sub: tokens.userId,
        jti: row!.id,
      });
    });

    it('should describe a token without a hint whatever its kind', async () => {
      const tokens = await tokensFor();
      for (const token of [tokens.access_token, tokens.refresh_token]) {
        const res = await t
          .http()
          .post('/oauth2/introspect')
          .set('Authorization', `Bearer ${secret}`)
          .type('form')
          .send({ token })
          .expect(200);
        assert.equal(res.body.active, true);
      }
    });

    it('should describe a client_credentials token without username or sub', async () => {
      const sessionId = ulid();
      await ds()
        .getRepository(OAuth2SessionEntity)
        .insert({
          id: sessionId,
          oauth2ClientId: client.id,
          userId: null,
          scopeList: ['urn:mas:admin'],
          createdAt: new Date(),
        });
      const token = generateToken(TokenType.AccessToken, rng);
      await ds()
        .getRepository(OAuth2AccessTokenEntity)
        .insert({
          id: ulid(),
          oauth2SessionId: sessionId,
          accessTokenSha256: hashToken(token),
          createdAt: new Date(),
          expiresAt: new Date(Date.now() + 300_000),
        });
      const res = await introspect(token).expect(200);
      assert.deepEqual(Object.keys(res.body), [
        'active',
        'scope',
        'client_id',
        'token_type',
        'exp',
        'expires_in',
        'iat',
        'nbf',
        'jti',
      ]);
      assert.equal(res.body.scope, 'urn:mas:admin');
    });
  });

  describe('inactive tokens: 200 {"active": false} and nothing else', () => {
    it('should answer unknown, malformed and wrong-checksum tokens', async () => {
      const good = generateToken(TokenType.AccessToken, rng);
      const badChecksum = `${good.slice(0, -1)}${good.endsWith('0') ? '1' : '0'}`;
      for (const token of [
        good,
        badChecksum,
        'garbage',
        'mat_x_y',
        'mat___',
        generateToken(TokenType.RefreshToken, rng),
        generateToken(TokenType.CompatAccessToken, rng),
        generateToken(TokenType.PersonalAccessToken, rng),
        'syt_dW5rbm93bg_abcdefghijklmnopqrst_0abcde',
        'é'.repeat(40),
        'x'.repeat(5000),
      ]) {
        await assertInactive(token, {}, token.slice(0, 40));
      }
    });

    it('should answer an expired access token', async () => {
      const tokens = await tokensFor();
      await ds()
        .getRepository(OAuth2AccessTokenEntity)
        .update(
          { accessTokenSha256: hashToken(tokens.access_token) },
          { expiresAt: new Date(Date.now() - 1000) },
        );
      await assertInactive(tokens.access_token);
    });

    it('should answer an access token revoked by rotation and a consumed refresh token', async () => {
      const tokens = await tokensFor();
      const next = (await refresh(tokens.refresh_token).expect(200)).body;
      await assertInactive(tokens.access_token);
      await assertInactive(tokens.refresh_token, { form: { token_type_hint: 'refresh_token' } });
      assert.equal((await introspect(next.access_token as string)).body.active, true);
    });

    it('should answer the tokens of a finished session', async () => {
      const tokens = await tokensFor();
      await t
        .http()
        .post('/oauth2/revoke')
        .set('Authorization', basic(client.id, client.secret))
        .type('form')
        .send({ token: tokens.access_token })
        .expect(200);
      await assertInactive(tokens.access_token);
      await assertInactive(tokens.refresh_token, { form: { token_type_hint: 'refresh_token' } });
    });

    it('should answer the tokens of a locked user', async () => {
      const tokens = await tokensFor();
      await app().get(UserRepository).lock(tokens.userId, new Date());
      await assertInactive(tokens.access_token);
      await assertInactive(tokens.refresh_token, { form: { token_type_hint: 'refresh_token' } });
    });

    it('should answer the tokens of a deactivated user', async () => {
      const tokens = await tokensFor();
      await app().get(UserRepository).deactivate(tokens.userId, new Date());
      await assertInactive(tokens.access_token);
      await assertInactive(tokens.refresh_token, { form: { token_type_hint: 'refresh_token' } });
    });

    it('should answer a token whose kind does not match token_type_hint (MAS)', async () => {
      const tokens = await tokensFor();
      await assertInactive(tokens.access_token, { form: { token_type_hint: 'refresh_token' } });
      await assertInactive(tokens.refresh_token, { form: { token_type_hint: 'access_token' } });
      await assertInactive(tokens.access_token, { form: { token_type_hint: 'id_token' } });
    });
  });

  describe('compat tokens (legacy Matrix login)', () => {
    it('should describe a compat access token as client legacy with both API scopes and the device', async () => {
      const c = await addCompat();
      const res = await introspect(c.access, { deviceHeader: false }).expect(200);
      assert.deepEqual(res.body, {
        active: true,
        scope: [API, DEV, API_U, DEV_U].join(' '),
        client_id: 'legacy',
        username: c.user.username,
        token_type: 'access_token',
        iat: seconds(c.createdAt),
        nbf: seconds(c.createdAt),
        sub: c.user.id,
        device_id: DEVICE,
      });
    });

    it('should put the device only in device_id for a caller sending X-MAS-Supports-Device-Id: 1', async () => {
      const c = await addCompat();
      const res = await introspect(c.access, { deviceHeader: true }).expect(200);
      assert.equal(res.body.scope, `${API} ${API_U}`);
      assert.equal(res.body.device_id, DEVICE);
    });

    it('should grant urn:synapse:admin:* to an admin compat session', async () => {
      const c = await addCompat({ isSynapseAdmin: true });
      const res = await introspect(c.access).expect(200);
      assert.equal(res.body.scope, `${API} ${API_U} urn:synapse:admin:*`);
    });

    it('should report expiry for a compat access token that has one', async () => {
      const expiresAt = new Date(Date.now() + 300_000);
      const c = await addCompat({ expiresAt });
      const res = await introspect(c.access).expect(200);
      assert.equal(res.body.exp, seconds(expiresAt));
      assert.ok(Number.isInteger(res.body.expires_in));
    });

    it('should describe a compat refresh token', async () => {
      const c = await addCompat();
      const res = await introspect(c.refresh, {
        form: { token_type_hint: 'refresh_token' },
      }).expect(200);
      assert.equal(res.body.token_type, 'refresh_token');
      assert.equal(res.body.client_id, 'legacy');
      assert.equal('jti' in res.body, false);
    });

    it('should describe an access token imported from Synapse (syt_), found by its hash', async () => {
      const raw = `syt_${Buffer.from('alice').toString('base64url')}_${rng.alphanumeric(20)}_0abcde`;
      const c = await addCompat({ raw });
      const res = await introspect(raw).expect(200);
      assert.equal(res.body.active, true);
      assert.equal(res.body.username, c.user.username);
    });

    it('should describe a device id no scope can hold only to a caller reading device_id', async () => {
      const c = await addCompat({ deviceId: 'my old phone' });
      await assertInactive(c.access, { deviceHeader: false });
      const res = await introspect(c.access, { deviceHeader: true }).expect(200);
      assert.equal(res.body.device_id, 'my old phone');
    });

    it('should answer inactive for an expired, finished, locked or consumed compat token', async () => {
      const expired = await addCompat({ expiresAt: new Date(Date.now() - 1000) });
      await assertInactive(expired.access);

      const finished = await addCompat();
      await ds()
        .getRepository(CompatSessionEntity)
        .update({ id: finished.session.id }, { finishedAt: new Date() });
      await assertInactive(finished.access);
      await assertInactive(finished.refresh, { form: { token_type_hint: 'refresh_token' } });

      const locked = await addCompat({ user: await addUser({ lockedAt: new Date() }) });
      await assertInactive(locked.access);
      const gone = await addCompat({ user: await addUser({ deactivatedAt: new Date() }) });
      await assertInactive(gone.access);

      const consumed = await addCompat();
      await ds()
        .getRepository(CompatRefreshTokenEntity)
        .update({ refreshTokenSha256: hashToken(consumed.refresh) }, { consumedAt: new Date() });
      await assertInactive(consumed.refresh, { form: { token_type_hint: 'refresh_token' } });
    });
  });

  describe('personal access tokens', () => {
    it('should describe a token of the actor user, without client_id when a user owns it', async () => {
      const p = await addPersonal({ scope: [API_U] });
      const res = await introspect(p.raw).expect(200);
      assert.deepEqual(Object.keys(res.body), [
        'active',
        'scope',
        'username',
        'token_type',
        'exp',
        'expires_in',
        'iat',
        'nbf',
        'sub',
      ]);
      assert.equal(res.body.scope, `${API} ${API_U}`);
      assert.equal(res.body.username, p.actor.username);
      assert.equal(res.body.sub, p.actor.id);
      assert.equal(res.body.token_type, 'access_token');
      assert.equal(res.body.iat, seconds(p.createdAt));
    });

    it('should give the owning client as client_id', async () => {
      const p = await addPersonal({ owner: { clientId: client.id } });
      const res = await introspect(p.raw).expect(200);
      assert.equal(res.body.client_id, client.id);
    });

    it('should answer inactive for a revoked, expired or unusable personal token', async () => {
      const revoked = await addPersonal();
      await ds()
        .getRepository(PersonalAccessTokenEntity)
        .update({ accessTokenSha256: hashToken(revoked.raw) }, { revokedAt: new Date() });
      await assertInactive(revoked.raw);

      const revokedSession = await addPersonal();
      await ds()
        .getRepository(PersonalSessionEntity)
        .update({ id: revokedSession.session.id }, { revokedAt: new Date() });
      await assertInactive(revokedSession.raw);

      await assertInactive((await addPersonal({ expiresAt: new Date(Date.now() - 1) })).raw);
      const lockedActor = await addUser({ lockedAt: new Date() });
      await assertInactive((await addPersonal({ actor: lockedActor })).raw);
      const goneActor = await addUser({ deactivatedAt: new Date() });
      await assertInactive((await addPersonal({ actor: goneActor })).raw);
      const lockedOwner = await addUser({ lockedAt: new Date() });
      await assertInactive((await addPersonal({ owner: { userId: lockedOwner.id } })).raw);
      await assertInactive((await addPersonal()).raw, {
        form: { token_type_hint: 'refresh_token' },
      });
    });
  });

  describe('side effects', () => {
    it('should mark an access token used on its first introspection only', async () => {
      const tokens = await tokensFor();
      assert.equal((await accessRow(tokens.access_token))?.firstUsedAt, null);
      await introspect(tokens.access_token).expect(200);
      const first = (await accessRow(tokens.access_token))?.firstUsedAt;
      assert.ok(first, 'first_used_at was set');
      await introspect(tokens.access_token).expect(200);
      assert.equal((await accessRow(tokens.access_token))?.firstUsedAt?.getTime(), first.getTime());
    });

    it('should cost one query per introspection, plus one conditional UPDATE on first use', async () => {
      const tokens = await tokensFor();
      const first = await queriesOf(ds(), () => introspect(tokens.access_token).expect(200));
      assert.equal(first.length, 2, first.join('\n'));
      assert.match(first[1], /UPDATE "oauth2_access_tokens".*"first_used_at" IS NULL/s);
      const c = await addCompat();
      const p = await addPersonal();
      for (const token of [tokens.access_token, tokens.refresh_token, c.access, p.raw]) {
        const q = await queriesOf(ds(), () =>
          introspect(token, { form: { token_type_hint: '' } }).expect(200),
        );
        assert.equal(q.length, 1, q.join('\n'));
        assert.match(q[0], /^SELECT/);
      }
    });

    it('should not mark an access token used by an inactive answer or a refresh token introspection', async () => {
      const tokens = await tokensFor();
      await introspect(tokens.refresh_token, { form: { token_type_hint: 'refresh_token' } });
      await introspect(tokens.access_token, { form: { token_type_hint: 'refresh_token' } });
      assert.equal((await accessRow(tokens.access_token))?.firstUsedAt, null);
    });

    it('should stop lost-response refresh recovery once the new access token was introspected', async () => {
      const tokens = await tokensFor();
      // The response to this refresh is "lost": the client retries with the same token.
      await refresh(tokens.refresh_token).expect(200);
      const recovered = (await refresh(tokens.refresh_token).expect(200)).body;
      // The client now uses the recovered pair with the homeserver ...
      assert.equal((await introspect(recovered.access_token as string)).body.active, true);
      // ... so presenting the old refresh token again is a replay: refused, session ended.
      const replay = await refresh(tokens.refresh_token).expect(400);
      assert.equal(replay.body.error, 'invalid_grant');
      await assertInactive(recovered.access_token as string);
      await refresh(recovered.refresh_token as string).expect(400);
    });

    it('should record session activity in memory and write it only when flushed', async () => {
      const tracker = app().get(ActivityTracker);
      await tracker.flush();
      const tokens = await tokensFor();
      const c = await addCompat();
      const p = await addPersonal();
      const before = Date.now();
      for (let i = 0; i < 3; i++) {
        await introspect(tokens.access_token).expect(200);
        await introspect(c.access).expect(200);
        await introspect(p.raw).expect(200);
      }
      const lastActive = async () => [
        (await ds().getRepository(OAuth2SessionEntity).findOneBy({ id: tokens.sessionId }))
          ?.lastActiveAt,
        (await ds().getRepository(CompatSessionEntity).findOneBy({ id: c.session.id }))
          ?.lastActiveAt,
        (await ds().getRepository(PersonalSessionEntity).findOneBy({ id: p.session.id }))
          ?.lastActiveAt,
      ];
      assert.deepEqual(await lastActive(), [null, null, null], 'no write per request');
      assert.ok(tracker.pendingCount >= 3);
      const written = await tracker.flush();
      assert.ok(written.oauth2 >= 1 && written.compat >= 1 && written.personal >= 1);
      for (const at of await lastActive()) {
        assert.ok(at && at.getTime() >= before - 1000, `last_active_at ${at?.toISOString()}`);
      }
      assert.equal(tracker.pendingCount, 0);
    });

    it('should record no activity for an inactive token', async () => {
      const tracker = app().get(ActivityTracker);
      await tracker.flush();
      const tokens = await tokensFor();
      await app().get(UserRepository).lock(tokens.userId, new Date());
      await assertInactive(tokens.access_token);
      assert.equal(tracker.pendingCount, 0);
    });
  });

  describe('HTTP surface', () => {
    it('should be advertised in discovery with the client methods it accepts', async () => {
      const d = (await t.http().get('/.well-known/openid-configuration').expect(200)).body as {
        introspection_endpoint: string;
        introspection_endpoint_auth_methods_supported: string[];
        introspection_endpoint_auth_signing_alg_values_supported: string[];
      };
      assert.equal(d.introspection_endpoint, `${t.config.http.publicBaseUrl}oauth2/introspect`);
      assert.deepEqual(d.introspection_endpoint_auth_methods_supported, [
        'client_secret_basic',
        'client_secret_post',
        'client_secret_jwt',
        'private_key_jwt',
      ]);
      assert.ok(d.introspection_endpoint_auth_signing_alg_values_supported.includes('HS256'));
      assert.ok(d.introspection_endpoint_auth_signing_alg_values_supported.includes('RS256'));
    });

    it('should not be served on a listener without the oauth resource', async () => {
      await t.http('internal').post('/oauth2/introspect').type('form').send({}).expect(404);
    });

    it('should never answer 500 to garbage input', async () => {
      const attempts = [
        () => t.http().post('/oauth2/introspect').set('Authorization', 'Bearer').send('%%%'),
        () =>
          t
            .http()
            .post('/oauth2/introspect')
            .set('Authorization', `Bearer ${secret}`)
            .type('form')
            .send('token[x]=1'),
        () =>
          t
            .http()
            .post('/oauth2/introspect')
            .set('Authorization', `Bearer ${secret}`)
            .type('json')
            .send('{"token":'),
        () =>
          t
            .http()
            .post('/oauth2/introspect')
            .set('Authorization', 'Basic !!!')
            .type('form')
            .send({ token: 'x' }),
        () =>
          t
            .http()
            .post('/oauth2/introspect')
            .set('Authorization', `Bearer ${secret}`)
            .type('form')
            .send({ token: 'mat_x', token_type_hint: ['a', 'b'] }),
        () =>
          t
            .http()
            .post('/oauth2/introspect')
            .type('form')
            .send({ token: 'x', client_id: 'not-a-ulid', client_secret: 's' }),
      ];
      for (const [i, attempt] of attempts.entries()) {
        const res = await attempt();
        assert.ok(res.status === 400 || res.status === 401, `attempt ${i}: ${res.status}`);
        assert.equal(typeof res.body.error, 'string', `attempt ${i} answers an OAuth error`);
      }
    });
  });
});
