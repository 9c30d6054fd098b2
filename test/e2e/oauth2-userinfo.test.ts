import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createLocalJWKSet, decodeJwt, jwtVerify } from 'jose';
import { ulid } from 'ulid';
import { DataSource } from 'typeorm';
import { CryptoRng, generateToken, hashToken, SystemClock, TokenType } from '../../src/core';
import { OAuth2AccessTokenEntity } from '../../src/storage/oauth2/oauth2-access-token.entity';
import { OAuth2AccessTokenRepository } from '../../src/storage/oauth2/oauth2-access-token.repository';
import { OAuth2ClientEntity } from '../../src/storage/oauth2/oauth2-client.entity';
import { OAuth2SessionRepository } from '../../src/storage/oauth2/oauth2-session.repository';
import { UserEmailRepository } from '../../src/storage/users/user-email.repository';
import { UserRepository } from '../../src/storage/users/user.repository';
import {
  addCodeFlowClient,
  consentedGrant,
  REDIRECT_URI,
  type TestClient,
} from '../factories/code-flow.factory';
import { createTestApp, type TestApp } from '../setup/test-app';

const OPENID = 'openid urn:matrix:client:api:* urn:matrix:client:device:ABCDEFGHIJ';

describe('userinfo endpoint (OIDC Core §5.3, RFC 6750)', () => {
  let t: TestApp;
  let client: TestClient;
  before(async () => {
    t = await createTestApp();
    client = await addCodeFlowClient(t.running.app);
  });
  after(async () => {
    await t.close();
  });

  const app = () => t.running.app;
  const basic = (c: TestClient) => `Basic ${Buffer.from(`${c.id}:${c.secret}`).toString('base64')}`;

  interface Tokens {
    access_token: string;
    refresh_token: string;
    id_token?: string;
    userId: string;
    username: string;
    sessionId: string;
  }

  /** A real token pair from the code flow for a fresh user who consented to `scope`. */
  async function tokensFor(c: TestClient, scope = OPENID): Promise<Tokens> {
    const g = await consentedGrant(app(), c.id, scope);
    const res = await t
      .http()
      .post('/oauth2/token')
      .set('Authorization', basic(c))
      .type('form')
      .send({
        grant_type: 'authorization_code',
        code: g.code,
        redirect_uri: REDIRECT_URI,
        code_verifier: g.verifier,
      })
      .expect(200);
    const body = res.body as Omit<Tokens, 'userId' | 'username' | 'sessionId'>;
    const user = await app().get(UserRepository).findById(g.userId);
    const row = await app()
      .get(OAuth2AccessTokenRepository)
      .findByHash(hashToken(body.access_token));
    return {
      ...body,
      userId: g.userId,
      username: user!.username,
      sessionId: row!.oauth2SessionId,
    };
  }

  const getWith = (token: string) =>
    t.http().get('/oauth2/userinfo').set('Authorization', `Bearer ${token}`);

  async function addEmail(userId: string, email: string, createdAt: Date): Promise<void> {
    await app().get(UserEmailRepository).add({ id: ulid(), userId, email, createdAt });
  }

  function assertUnauthenticated(res: { status: number; headers: Record<string, string> }) {
    assert.equal(res.status, 401);
    assert.equal(res.headers['www-authenticate'], 'Bearer');
  }

  function assertInvalidToken(res: {
    status: number;
    headers: Record<string, string>;
    body: { error?: string };
  }) {
    assert.equal(res.status, 401);
    assert.equal(res.body.error, 'invalid_token');
    assert.equal(res.headers['www-authenticate'], 'Bearer error="invalid_token"');
    assert.equal(res.headers['cache-control'], 'no-store');
  }

  describe('claims', () => {
    it('should answer GET with sub, username and preferred_username as uncached JSON', async () => {
      const tokens = await tokensFor(client);
      const res = await getWith(tokens.access_token).expect(200);
      assert.match(res.headers['content-type'], /^application\/json/);
      assert.equal(res.headers['cache-control'], 'no-store');
      assert.deepEqual(res.body, {
        sub: tokens.userId,
        username: tokens.username,
        preferred_username: tokens.username,
      });
    });

    it('should answer POST with the token in the access_token form field (RFC 6750 §2.2)', async () => {
      const tokens = await tokensFor(client);
      const res = await t
        .http()
        .post('/oauth2/userinfo')
        .type('form')
        .send({ access_token: tokens.access_token })
        .expect(200);
      assert.equal(res.body.sub, tokens.userId);
    });

    it('should answer POST with the token in the Authorization header', async () => {
      const tokens = await tokensFor(client);
      const res = await t
        .http()
        .post('/oauth2/userinfo')
        .set('Authorization', `Bearer ${tokens.access_token}`)
        .expect(200);
      assert.equal(res.body.sub, tokens.userId);
    });

    it('should release no email claims without the email scope', async () => {
      const tokens = await tokensFor(client);
      await addEmail(tokens.userId, 'alice@example.org', new Date());
      const res = await getWith(tokens.access_token).expect(200);
      assert.equal(res.body.email, undefined);
      assert.equal(res.body.email_verified, undefined);
    });

    it("should release the user's first added address with the email scope (OIDC Core §5.4)", async () => {
      const tokens = await tokensFor(client, `${OPENID} email`);
      // Inserted last but added first: the oldest address wins, not the latest row.
      await addEmail(tokens.userId, 'second@example.org', new Date());
      await addEmail(tokens.userId, 'first@example.org', new Date(Date.now() - 86_400_000));
      const res = await getWith(tokens.access_token).expect(200);
      assert.equal(res.body.email, 'first@example.org');
      assert.equal(res.body.email_verified, true);
    });

    it('should release no email claims with the email scope when the user has no address', async () => {
      const tokens = await tokensFor(client, `${OPENID} email`);
      const res = await getWith(tokens.access_token).expect(200);
      assert.equal('email' in res.body, false);
      assert.equal('email_verified' in res.body, false);
    });
  });

  describe('signed responses (OIDC Core §5.3.2)', () => {
    async function clientSigningWith(alg: string): Promise<TestClient> {
      const c = await addCodeFlowClient(app());
      await app()
        .get(DataSource)
        .getRepository(OAuth2ClientEntity)
        .update({ id: c.id }, { userinfoSignedResponseAlg: alg });
      return c;
    }

    for (const alg of ['RS256', 'ES256']) {
      it(`should answer a ${alg} JWT verifiable with /oauth2/keys.json, with iss, aud and iat`, async () => {
        const c = await clientSigningWith(alg);
        const tokens = await tokensFor(c, `${OPENID} email`);
        await addEmail(tokens.userId, 'signed@example.org', new Date());
        const res = await getWith(tokens.access_token)
          .buffer(true)
          .parse((r, cb) => {
            let text = '';
            r.setEncoding('utf8');
            r.on('data', (chunk: string) => (text += chunk));
            r.on('end', () => cb(null, text));
          });
        assert.equal(res.status, 200);
        assert.equal(res.headers['content-type'], 'application/jwt');
        assert.equal(res.headers['cache-control'], 'no-store');
        const jwks = createLocalJWKSet((await t.http().get('/oauth2/keys.json')).body);
        const { payload, protectedHeader } = await jwtVerify(res.body as string, jwks, {
          issuer: t.config.http.issuerUrl,
          audience: c.id,
        });
        assert.equal(protectedHeader.alg, alg);
        assert.ok(protectedHeader.kid);
        assert.equal(payload.sub, tokens.userId);
        assert.equal(payload.username, tokens.username);
        assert.equal(payload.preferred_username, tokens.username);
        assert.equal(payload.email, 'signed@example.org');
        assert.equal(payload.email_verified, true);
        assert.equal(typeof payload.iat, 'number');
      });
    }

    it('should answer a clear server_error, not a crash, when no key can sign the registered alg', async () => {
      const c = await clientSigningWith('HS256');
      const tokens = await tokensFor(c);
      const res = await getWith(tokens.access_token);
      assert.equal(res.status, 500);
      assert.equal(res.body.error, 'server_error');
      assert.match(res.body.error_description, /HS256/);
    });
  });

  describe('missing credentials (RFC 6750 §3.1: no error code in the challenge)', () => {
    it('should answer 401 with a bare Bearer challenge to GET and POST without a token', async () => {
      assertUnauthenticated(await t.http().get('/oauth2/userinfo'));
      assertUnauthenticated(await t.http().post('/oauth2/userinfo'));
      assertUnauthenticated(await t.http().post('/oauth2/userinfo').type('form').send({}));
      const res = await t.http().get('/oauth2/userinfo');
      assert.equal(res.body.error, 'invalid_token');
      assert.equal(res.headers['cache-control'], 'no-store');
    });

    it('should treat another authentication scheme as no credentials', async () => {
      const tokens = await tokensFor(client);
      assertUnauthenticated(
        await t.http().get('/oauth2/userinfo').set('Authorization', basic(client)),
      );
      assertUnauthenticated(
        await t.http().get('/oauth2/userinfo').set('Authorization', `Token ${tokens.access_token}`),
      );
    });

    it('should not accept a token in the query string', async () => {
      const tokens = await tokensFor(client);
      assertUnauthenticated(
        await t.http().get('/oauth2/userinfo').query({ access_token: tokens.access_token }),
      );
    });

    it('should not read access_token from a GET body or a JSON body', async () => {
      const tokens = await tokensFor(client);
      assertUnauthenticated(
        await t
          .http()
          .get('/oauth2/userinfo')
          .type('form')
          .send({ access_token: tokens.access_token }),
      );
      assertUnauthenticated(
        await t.http().post('/oauth2/userinfo').send({ access_token: tokens.access_token }),
      );
    });
  });

  describe('inactive tokens (401 invalid_token)', () => {
    it('should refuse unknown and malformed tokens', async () => {
      const unknown = generateToken(TokenType.AccessToken, new CryptoRng(new SystemClock()));
      for (const token of [unknown, 'garbage', 'mat_x_y']) assertInvalidToken(await getWith(token));
    });

    it('should refuse the refresh token presented as an access token', async () => {
      const tokens = await tokensFor(client);
      assertInvalidToken(await getWith(tokens.refresh_token));
    });

    it('should refuse an expired token', async () => {
      const tokens = await tokensFor(client);
      await getWith(tokens.access_token).expect(200);
      await app()
        .get(DataSource)
        .getRepository(OAuth2AccessTokenEntity)
        .update(
          { accessTokenSha256: hashToken(tokens.access_token) },
          { expiresAt: new Date(Date.now() - 1000) },
        );
      assertInvalidToken(await getWith(tokens.access_token));
    });

    it('should refuse a token revoked by refresh-token rotation, and accept its successor', async () => {
      const tokens = await tokensFor(client);
      const next = await t
        .http()
        .post('/oauth2/token')
        .set('Authorization', basic(client))
        .type('form')
        .send({ grant_type: 'refresh_token', refresh_token: tokens.refresh_token })
        .expect(200);
      assertInvalidToken(await getWith(tokens.access_token));
      await getWith(next.body.access_token as string).expect(200);
    });

    it('should refuse a token of a finished session', async () => {
      const tokens = await tokensFor(client);
      await app().get(OAuth2SessionRepository).finish(tokens.sessionId, new Date());
      assertInvalidToken(await getWith(tokens.access_token));
    });

    it('should refuse a token of a locked user', async () => {
      const tokens = await tokensFor(client);
      await app().get(UserRepository).lock(tokens.userId, new Date());
      assertInvalidToken(await getWith(tokens.access_token));
    });

    it('should refuse a token of a deactivated user', async () => {
      const tokens = await tokensFor(client);
      await app().get(UserRepository).deactivate(tokens.userId, new Date());
      assertInvalidToken(await getWith(tokens.access_token));
    });
  });

  describe('insufficient scope (403)', () => {
    it('should refuse a token granted without openid', async () => {
      const tokens = await tokensFor(client, 'urn:matrix:client:api:*');
      const res = await getWith(tokens.access_token);
      assert.equal(res.status, 403);
      assert.equal(res.body.error, 'insufficient_scope');
      assert.equal(res.headers['www-authenticate'], 'Bearer error="insufficient_scope"');
    });

    it('should refuse a token of a session without a user (client_credentials)', async () => {
      const sessionId = ulid();
      await app()
        .get(OAuth2SessionRepository)
        .add({
          id: sessionId,
          clientId: client.id,
          userId: null,
          userSessionId: null,
          scope: ['openid'],
          createdAt: new Date(),
          userAgent: null,
        });
      const token = generateToken(TokenType.AccessToken, new CryptoRng(new SystemClock()));
      await app()
        .get(OAuth2AccessTokenRepository)
        .add({
          id: ulid(),
          sessionId,
          tokenSha256: hashToken(token),
          createdAt: new Date(),
          expiresAt: new Date(Date.now() + 300_000),
        });
      const res = await getWith(token);
      assert.equal(res.status, 403);
      assert.equal(res.body.error, 'insufficient_scope');
    });
  });

  describe('malformed requests', () => {
    it('should refuse a token sent in both the header and the body with 400 invalid_request', async () => {
      const tokens = await tokensFor(client);
      const res = await t
        .http()
        .post('/oauth2/userinfo')
        .set('Authorization', `Bearer ${tokens.access_token}`)
        .type('form')
        .send({ access_token: tokens.access_token });
      assert.equal(res.status, 400);
      assert.equal(res.body.error, 'invalid_request');
    });

    it('should never answer 500 to garbage input', async () => {
      const tokens = await tokensFor(client);
      const attempts = [
        () => t.http().get('/oauth2/userinfo').set('Authorization', 'Bearer'),
        () => t.http().get('/oauth2/userinfo').set('Authorization', 'Bearer a b c'),
        () =>
          t
            .http()
            .get('/oauth2/userinfo')
            .set('Authorization', `Bearer ${'A'.repeat(8000)}`),
        () => t.http().get('/oauth2/userinfo').set('Authorization', 'Bearer ===='),
        () => t.http().get('/oauth2/userinfo').set('Authorization', 'Bearer mat_%00_x'),
        () =>
          t
            .http()
            .post('/oauth2/userinfo')
            .type('form')
            .send(`access_token=${tokens.access_token}&access_token=${tokens.access_token}`),
        () => t.http().post('/oauth2/userinfo').type('form').send('access_token[x]=1'),
        () => t.http().post('/oauth2/userinfo').type('form').send('access_token='),
        () => t.http().post('/oauth2/userinfo').type('form').send('%%%'),
        () => t.http().post('/oauth2/userinfo').type('json').send('{"access_token":'),
        () =>
          t
            .http()
            .post('/oauth2/userinfo')
            .type('form')
            .send(`access_token=${'é'.repeat(500)}`),
      ];
      for (const [i, attempt] of attempts.entries()) {
        const res = await attempt();
        assert.ok(res.status === 400 || res.status === 401, `attempt ${i}: ${res.status}`);
        assert.equal(typeof res.body.error, 'string', `attempt ${i} answers an OAuth error`);
      }
    });
  });

  describe('HTTP surface', () => {
    it('should let browser clients on other origins call it (CORS)', async () => {
      const tokens = await tokensFor(client);
      const res = await getWith(tokens.access_token)
        .set('Origin', 'https://app.example.org')
        .expect(200);
      assert.equal(res.headers['access-control-allow-origin'], '*');
      const preflight = await t
        .http()
        .options('/oauth2/userinfo')
        .set('Origin', 'https://app.example.org')
        .set('Access-Control-Request-Method', 'GET')
        .set('Access-Control-Request-Headers', 'authorization');
      assert.ok(preflight.status === 204 || preflight.status === 200, `${preflight.status}`);
      assert.match(preflight.headers['access-control-allow-headers'], /authorization/);
    });

    it('should not be served on a listener without the oauth resource', async () => {
      await t.http('internal').get('/oauth2/userinfo').expect(404);
    });

    it('should be advertised in discovery with its signing algorithms and claims', async () => {
      const d = (await t.http().get('/.well-known/openid-configuration').expect(200)).body as {
        userinfo_endpoint: string;
        userinfo_signing_alg_values_supported: string[];
        id_token_signing_alg_values_supported: string[];
        claims_supported: string[];
      };
      assert.equal(d.userinfo_endpoint, `${t.config.http.publicBaseUrl}oauth2/userinfo`);
      assert.deepEqual(
        d.userinfo_signing_alg_values_supported,
        d.id_token_signing_alg_values_supported,
      );
      assert.ok(d.userinfo_signing_alg_values_supported.includes('RS256'));
      assert.ok(d.userinfo_signing_alg_values_supported.includes('ES256'));
      for (const claim of ['sub', 'username', 'preferred_username', 'email', 'email_verified']) {
        assert.ok(d.claims_supported.includes(claim), claim);
      }
      assert.equal(
        new Set(d.claims_supported).size,
        d.claims_supported.length,
        'no claim is listed twice',
      );
    });
  });
});

describe('ID token email claims (OIDC Core §5.4)', () => {
  let t: TestApp;
  let client: TestClient;
  before(async () => {
    t = await createTestApp();
    client = await addCodeFlowClient(t.running.app);
  });
  after(async () => {
    await t.close();
  });

  async function idTokenClaims(scope: string, emails: string[]) {
    const g = await consentedGrant(t.running.app, client.id, scope);
    for (const [i, email] of emails.entries()) {
      await t.running.app
        .get(UserEmailRepository)
        .add({ id: ulid(), userId: g.userId, email, createdAt: new Date(Date.now() + i * 1000) });
    }
    const res = await t
      .http()
      .post('/oauth2/token')
      .set(
        'Authorization',
        `Basic ${Buffer.from(`${client.id}:${client.secret}`).toString('base64')}`,
      )
      .type('form')
      .send({
        grant_type: 'authorization_code',
        code: g.code,
        redirect_uri: REDIRECT_URI,
        code_verifier: g.verifier,
      })
      .expect(200);
    return decodeJwt(res.body.id_token as string);
  }

  it('should carry email and email_verified with the email scope', async () => {
    const claims = await idTokenClaims(`${OPENID} email`, ['one@example.org', 'two@example.org']);
    assert.equal(claims.email, 'one@example.org');
    assert.equal(claims.email_verified, true);
  });

  it('should carry no email claims without the email scope', async () => {
    const claims = await idTokenClaims(OPENID, ['one@example.org']);
    assert.equal('email' in claims, false);
    assert.equal('email_verified' in claims, false);
    assert.ok(claims.preferred_username);
  });

  it('should carry no email claims when the user has no address', async () => {
    const claims = await idTokenClaims(`${OPENID} email`, []);
    assert.equal('email' in claims, false);
    assert.equal('email_verified' in claims, false);
  });
});
