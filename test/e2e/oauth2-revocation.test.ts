import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes, randomUUID } from 'node:crypto';
import { SignJWT } from 'jose';
import { DataSource } from 'typeorm';
import { ulid } from 'ulid';
import { Encrypter, generateToken, hashToken, TokenType } from '../../src/core';
import { OAuth2AccessTokenEntity } from '../../src/storage/oauth2/oauth2-access-token.entity';
import { OAuth2ClientEntity } from '../../src/storage/oauth2/oauth2-client.entity';
import { OAuth2RefreshTokenEntity } from '../../src/storage/oauth2/oauth2-refresh-token.entity';
import { OAuth2SessionEntity } from '../../src/storage/oauth2/oauth2-session.entity';
import {
  addCodeFlowClient,
  consentedGrant,
  REDIRECT_URI,
  type TestClient,
} from '../factories/code-flow.factory';
import { SeededRng } from '../fakes/seeded-rng';
import { createTestApp, type TestApp } from '../setup/test-app';
import { TEST_PUBLIC_BASE } from '../setup/test-config';

interface Issued {
  access_token: string;
  refresh_token: string;
  sessionId: string;
}

const JWT_BEARER = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';

describe('revocation endpoint (RFC 7009)', () => {
  let t: TestApp;
  let client: TestClient;
  before(async () => {
    t = await createTestApp();
    client = await addCodeFlowClient(t.running.app);
  });
  after(async () => {
    await t.close();
  });

  const ds = () => t.running.app.get(DataSource);
  const basic = (c: TestClient) => `Basic ${Buffer.from(`${c.id}:${c.secret}`).toString('base64')}`;
  /** Client authentication as form fields or header, for the client's registered method. */
  const credentials = (c: TestClient) =>
    c.secret === null ? { form: { client_id: c.id } } : { header: basic(c), form: {} };

  const tokenRequest = (c: TestClient, form: Record<string, string>) => {
    const auth = credentials(c);
    const req = t.http().post('/oauth2/token').type('form');
    if (auth.header) req.set('Authorization', auth.header);
    return req.send({ ...auth.form, ...form });
  };
  const revoke = (c: TestClient, form: Record<string, string>) => {
    const auth = credentials(c);
    const req = t.http().post('/oauth2/revoke').type('form');
    if (auth.header) req.set('Authorization', auth.header);
    return req.send({ ...auth.form, ...form });
  };
  const refresh = (c: TestClient, token: string) =>
    tokenRequest(c, { grant_type: 'refresh_token', refresh_token: token });

  /** A real token pair for `c` from the code flow, and the id of its session. */
  async function issue(c: TestClient): Promise<Issued> {
    const g = await consentedGrant(t.running.app, c.id);
    const res = await tokenRequest(c, {
      grant_type: 'authorization_code',
      code: g.code,
      redirect_uri: REDIRECT_URI,
      code_verifier: g.verifier,
    }).expect(200);
    const row = await ds()
      .getRepository(OAuth2AccessTokenEntity)
      .findOneByOrFail({ accessTokenSha256: hashToken(res.body.access_token) });
    return {
      access_token: res.body.access_token,
      refresh_token: res.body.refresh_token,
      sessionId: row.oauth2SessionId,
    };
  }

  const sessionRow = (id: string) =>
    ds().getRepository(OAuth2SessionEntity).findOneByOrFail({ id });

  /** The session is finished and none of its tokens is left unrevoked. */
  async function assertSessionEnded(sessionId: string): Promise<void> {
    assert.ok((await sessionRow(sessionId)).finishedAt, 'the session is finished');
    const access = await ds()
      .getRepository(OAuth2AccessTokenEntity)
      .findBy({ oauth2SessionId: sessionId });
    const refreshRows = await ds()
      .getRepository(OAuth2RefreshTokenEntity)
      .findBy({ oauth2SessionId: sessionId });
    assert.ok(access.length > 0 && refreshRows.length > 0);
    assert.ok(
      access.every((r) => r.revokedAt),
      'every access token is revoked',
    );
    assert.ok(
      refreshRows.every((r) => r.revokedAt),
      'every refresh token is revoked',
    );
  }

  /** The session is untouched and its refresh token still works. */
  async function assertStillUsable(c: TestClient, issued: Issued): Promise<void> {
    assert.equal((await sessionRow(issued.sessionId)).finishedAt, null);
    const access = await ds()
      .getRepository(OAuth2AccessTokenEntity)
      .findOneByOrFail({ accessTokenSha256: hashToken(issued.access_token) });
    assert.equal(access.revokedAt, null);
    await refresh(c, issued.refresh_token).expect(200);
  }

  function assertEmptyOk(res: { status: number; text: string; headers: Record<string, string> }) {
    assert.equal(res.status, 200, res.text);
    assert.equal(res.text, '');
    assert.equal(res.headers['cache-control'], 'no-store');
  }

  it('should end the whole session when an access token is revoked', async () => {
    const issued = await issue(client);
    // A second pair in the same session, so "every token" covers more than the presented one.
    const rotated = (await refresh(client, issued.refresh_token).expect(200)).body as Issued;
    assertEmptyOk(
      await revoke(client, { token: rotated.access_token, token_type_hint: 'access_token' }),
    );
    await assertSessionEnded(issued.sessionId);
    const res = await refresh(client, rotated.refresh_token).expect(400);
    assert.equal(res.body.error, 'invalid_grant');
  });

  it('should end the whole session when a refresh token is revoked', async () => {
    const issued = await issue(client);
    assertEmptyOk(
      await revoke(client, { token: issued.refresh_token, token_type_hint: 'refresh_token' }),
    );
    await assertSessionEnded(issued.sessionId);
    assert.equal(
      (await refresh(client, issued.refresh_token).expect(400)).body.error,
      'invalid_grant',
    );
  });

  it('should revoke a token without a hint', async () => {
    const issued = await issue(client);
    assertEmptyOk(await revoke(client, { token: issued.access_token }));
    await assertSessionEnded(issued.sessionId);
  });

  it('should still revoke a token whose hint names the other type (RFC 7009 §2.1)', async () => {
    const a = await issue(client);
    assertEmptyOk(
      await revoke(client, { token: a.access_token, token_type_hint: 'refresh_token' }),
    );
    await assertSessionEnded(a.sessionId);
    const r = await issue(client);
    assertEmptyOk(
      await revoke(client, { token: r.refresh_token, token_type_hint: 'access_token' }),
    );
    await assertSessionEnded(r.sessionId);
  });

  it('should answer 200 with an empty body for unknown, malformed and already revoked tokens', async () => {
    const issued = await issue(client);
    await revoke(client, { token: issued.access_token }).expect(200);
    const rng = new SeededRng(randomUUID());
    for (const token of [
      generateToken(TokenType.AccessToken, rng),
      generateToken(TokenType.RefreshToken, rng),
      'not-a-token',
      `${issued.access_token.slice(0, -1)}${issued.access_token.endsWith('A') ? 'B' : 'A'}`,
      issued.access_token,
      issued.refresh_token,
    ]) {
      assertEmptyOk(await revoke(client, { token }));
    }
  });

  it('should answer 200 for an expired access token and leave its session alone', async () => {
    const issued = await issue(client);
    await ds()
      .getRepository(OAuth2AccessTokenEntity)
      .update(
        { accessTokenSha256: hashToken(issued.access_token) },
        { expiresAt: new Date(Date.now() - 60_000) },
      );
    assertEmptyOk(await revoke(client, { token: issued.access_token }));
    assert.equal((await sessionRow(issued.sessionId)).finishedAt, null);
    await refresh(client, issued.refresh_token).expect(200);
  });

  it('should answer 200 for a refresh token already consumed by rotation and keep the new pair', async () => {
    const issued = await issue(client);
    const rotated = (await refresh(client, issued.refresh_token).expect(200)).body as Issued;
    assertEmptyOk(await revoke(client, { token: issued.refresh_token }));
    assert.equal((await sessionRow(issued.sessionId)).finishedAt, null);
    await refresh(client, rotated.refresh_token).expect(200);
  });

  it('should answer 200 for compat, personal and Synapse tokens without touching anything', async () => {
    const rng = new SeededRng(randomUUID());
    for (const token of [
      generateToken(TokenType.CompatAccessToken, rng),
      generateToken(TokenType.CompatRefreshToken, rng),
      generateToken(TokenType.PersonalAccessToken, rng),
      `syt_${Buffer.from('alice').toString('base64url')}_abcdefghijklmnopqrst_1a2b3c`,
      'syr_abcdefghijklmnopqrst_1a2b3c',
    ]) {
      assertEmptyOk(await revoke(client, { token, token_type_hint: 'access_token' }));
    }
  });

  it('should refuse a missing or empty token with invalid_request', async () => {
    const forms: Record<string, string>[] = [
      {},
      { token: '' },
      { token_type_hint: 'access_token' },
    ];
    for (const form of forms) {
      const res = await revoke(client, form).expect(400);
      assert.equal(res.body.error, 'invalid_request');
      assert.equal(res.headers['cache-control'], 'no-store');
    }
  });

  it('should refuse an unsupported token_type_hint with unsupported_token_type', async () => {
    const issued = await issue(client);
    const res = await revoke(client, { token: issued.access_token, token_type_hint: 'id_token' });
    assert.equal(res.status, 400);
    assert.equal(res.body.error, 'unsupported_token_type');
    await assertStillUsable(client, issued);
  });

  it('should refuse repeated parameters with invalid_request', async () => {
    const issued = await issue(client);
    for (const body of [
      `token=${issued.access_token}&token=${issued.refresh_token}`,
      `token=${issued.access_token}&token_type_hint=access_token&token_type_hint=access_token`,
      `token[x]=${issued.access_token}`,
    ]) {
      const res = await t
        .http()
        .post('/oauth2/revoke')
        .set('Authorization', basic(client))
        .type('form')
        .send(body);
      assert.equal(res.status, 400, body);
      assert.equal(res.body.error, 'invalid_request', body);
    }
    await assertStillUsable(client, issued);
  });

  it("should refuse another client's token with unauthorized_client and keep it valid", async () => {
    const issued = await issue(client);
    const other = await addCodeFlowClient(t.running.app);
    for (const token of [issued.access_token, issued.refresh_token]) {
      const res = await revoke(other, { token });
      assert.equal(res.status, 400);
      assert.equal(res.body.error, 'unauthorized_client');
    }
    await assertStillUsable(client, issued);
  });

  it('should let a public client (none) revoke its own token', async () => {
    const pub = await addCodeFlowClient(t.running.app, 'none');
    const issued = await issue(pub);
    assertEmptyOk(await revoke(pub, { token: issued.refresh_token }));
    await assertSessionEnded(issued.sessionId);
  });

  it('should accept client_secret_post', async () => {
    const post = await addCodeFlowClient(t.running.app, 'client_secret_post');
    const g = await consentedGrant(t.running.app, post.id);
    const creds = { client_id: post.id, client_secret: post.secret! };
    const tokens = await t
      .http()
      .post('/oauth2/token')
      .type('form')
      .send({
        ...creds,
        grant_type: 'authorization_code',
        code: g.code,
        redirect_uri: REDIRECT_URI,
        code_verifier: g.verifier,
      })
      .expect(200);
    const res = await t
      .http()
      .post('/oauth2/revoke')
      .type('form')
      .send({ ...creds, token: tokens.body.access_token });
    assertEmptyOk(res);
  });

  describe('client_secret_jwt', () => {
    let jwtClient: TestClient;
    before(async () => {
      const secret = randomBytes(24).toString('hex');
      const id = ulid();
      await ds()
        .getRepository(OAuth2ClientEntity)
        .insert({
          id,
          encryptedClientSecret: t.running.app.get(Encrypter).encrypt(secret),
          redirectUris: [REDIRECT_URI],
          grantTypeAuthorizationCode: true,
          grantTypeRefreshToken: true,
          tokenEndpointAuthMethod: 'client_secret_jwt',
          tokenEndpointAuthSigningAlg: 'HS256',
          isStatic: false,
          contacts: [],
        });
      jwtClient = { id, secret };
    });

    const assertion = (aud: string) => {
      const now = Math.floor(Date.now() / 1000);
      return new SignJWT({})
        .setProtectedHeader({ alg: 'HS256' })
        .setIssuer(jwtClient.id)
        .setSubject(jwtClient.id)
        .setAudience(aud)
        .setIssuedAt(now)
        .setExpirationTime(now + 60)
        .setJti(randomUUID())
        .sign(new TextEncoder().encode(jwtClient.secret!));
    };
    const withAssertion = async (path: string, aud: string, form: Record<string, string>) => {
      const signed = await assertion(aud);
      return t
        .http()
        .post(path)
        .type('form')
        .send({ ...form, client_assertion_type: JWT_BEARER, client_assertion: signed });
    };

    it('should accept an assertion whose aud is the revocation endpoint URL', async () => {
      const g = await consentedGrant(t.running.app, jwtClient.id);
      const tokens = await withAssertion('/oauth2/token', `${TEST_PUBLIC_BASE}oauth2/token`, {
        grant_type: 'authorization_code',
        code: g.code,
        redirect_uri: REDIRECT_URI,
        code_verifier: g.verifier,
      });
      assert.equal(tokens.status, 200, tokens.text);
      // The token endpoint URL does not identify the revocation endpoint (RFC 7523 §3 item 3).
      const wrongAud = await withAssertion('/oauth2/revoke', `${TEST_PUBLIC_BASE}oauth2/token`, {
        token: tokens.body.access_token,
      });
      assert.equal(wrongAud.status, 401);
      assert.equal(wrongAud.body.error, 'invalid_client');
      const res = await withAssertion('/oauth2/revoke', `${TEST_PUBLIC_BASE}oauth2/revoke`, {
        token: tokens.body.access_token,
      });
      assertEmptyOk(res);
      const row = await ds()
        .getRepository(OAuth2AccessTokenEntity)
        .findOneByOrFail({ accessTokenSha256: hashToken(tokens.body.access_token) });
      await assertSessionEnded(row.oauth2SessionId);
    });
  });

  it('should answer a wrong secret with 401 invalid_client and a challenge', async () => {
    const issued = await issue(client);
    const res = await revoke({ ...client, secret: 'wrong' }, { token: issued.access_token });
    assert.equal(res.status, 401);
    assert.equal(res.body.error, 'invalid_client');
    assert.match(res.headers['www-authenticate'], /^Basic/);
    const anonymous = await t
      .http()
      .post('/oauth2/revoke')
      .type('form')
      .send({ token: issued.access_token });
    assert.equal(anonymous.status, 401);
    assert.equal(anonymous.body.error, 'invalid_client');
    await assertStillUsable(client, issued);
  });

  it('should answer a JSON, malformed or empty body with a spec-shaped 400, never revoking', async () => {
    const issued = await issue(client);
    const json = await t
      .http()
      .post('/oauth2/revoke')
      .set('Authorization', basic(client))
      .send({ token: issued.access_token });
    assert.equal(json.status, 400);
    assert.equal(json.body.error, 'invalid_request');
    const broken = await t
      .http()
      .post('/oauth2/revoke')
      .set('Authorization', basic(client))
      .set('Content-Type', 'application/json')
      .send('{"token":');
    assert.equal(broken.status, 400);
    assert.equal(broken.body.error, 'invalid_request');
    for (const type of ['form', undefined]) {
      const req = t.http().post('/oauth2/revoke').set('Authorization', basic(client));
      if (type) req.type(type);
      const empty = await req.send();
      assert.equal(empty.status, 400, `content type ${type}`);
      assert.equal(empty.body.error, 'invalid_request');
    }
    await assertStillUsable(client, issued);
  });

  it('should never answer 500, whatever the input', async () => {
    const bodies = [
      'token=%00',
      `token=${'a'.repeat(10_000)}`,
      'token=%E2%82%AC',
      'token=mat_%F0%9F%92%A5',
      'token=syt_',
      'token=mat___',
      'token=x&client_id=not-a-ulid',
      'token=x&client_id=',
      'token=x&client_id[]=a',
      '__proto__[token]=x',
      'token=x&token_type_hint[]=access_token',
      '=&&=',
    ];
    for (const body of bodies) {
      const res = await t
        .http()
        .post('/oauth2/revoke')
        .set('Authorization', basic(client))
        .type('form')
        .send(body);
      assert.ok([200, 400, 401].includes(res.status), `${body}: ${res.status} ${res.text}`);
      if (res.status !== 200) assert.equal(typeof res.body.error, 'string', body);
    }
  });

  it('should allow browser clients on any origin (CORS)', async () => {
    const res = await t
      .http()
      .options('/oauth2/revoke')
      .set('Origin', 'https://app.example.org')
      .set('Access-Control-Request-Method', 'POST');
    assert.ok(res.status === 204 || res.status === 200, `status ${res.status}`);
    assert.equal(res.headers['access-control-allow-origin'], '*');
  });

  it('should not be served on a listener without the oauth resource', async () => {
    await t.http('internal').post('/oauth2/revoke').type('form').send({ token: 'x' }).expect(404);
  });

  it('should advertise the endpoint, its methods and algorithms in discovery', async () => {
    const d = (await t.http().get('/.well-known/openid-configuration').expect(200)).body as Record<
      string,
      unknown
    >;
    assert.equal(d.revocation_endpoint, `${TEST_PUBLIC_BASE}oauth2/revoke`);
    assert.deepEqual(
      d.revocation_endpoint_auth_methods_supported,
      d.token_endpoint_auth_methods_supported,
    );
    assert.ok((d.revocation_endpoint_auth_methods_supported as string[]).includes('none'));
    assert.deepEqual(
      d.revocation_endpoint_auth_signing_alg_values_supported,
      d.token_endpoint_auth_signing_alg_values_supported,
    );
    assert.ok(
      (d.revocation_endpoint_auth_signing_alg_values_supported as string[]).includes('HS256'),
    );
    assert.ok(
      (d.revocation_endpoint_auth_signing_alg_values_supported as string[]).includes('ES256'),
    );
  });
});
