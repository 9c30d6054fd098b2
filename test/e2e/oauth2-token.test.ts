import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createLocalJWKSet, jwtVerify } from 'jose';
import { DataSource, IsNull } from 'typeorm';
import { hashToken, parseToken, TokenType } from '../../src/core';
import { OAuth2AccessTokenEntity } from '../../src/storage/oauth2/oauth2-access-token.entity';
import { OAuth2RefreshTokenEntity } from '../../src/storage/oauth2/oauth2-refresh-token.entity';
import { OAuth2AuthorizationGrantEntity } from '../../src/storage/oauth2/oauth2-authorization-grant.entity';
import { OAuth2SessionEntity } from '../../src/storage/oauth2/oauth2-session.entity';
import {
  addCodeFlowClient,
  consentedGrant,
  REDIRECT_URI,
  type TestClient,
} from '../factories/code-flow.factory';
import { createTestApp, type TestApp } from '../setup/test-app';

describe('token endpoint: authorization_code and refresh_token (RFC 6749 §4.1.3, §6)', () => {
  let t: TestApp;
  let client: TestClient;
  before(async () => {
    t = await createTestApp();
    client = await addCodeFlowClient(t.running.app);
  });
  after(async () => {
    await t.close();
  });

  const basic = (c: TestClient) => `Basic ${Buffer.from(`${c.id}:${c.secret}`).toString('base64')}`;
  const exchange = (c: TestClient, form: Record<string, string>) =>
    t.http().post('/oauth2/token').set('Authorization', basic(c)).type('form').send(form);
  const codeForm = (g: { code: string; verifier: string }) => ({
    grant_type: 'authorization_code',
    code: g.code,
    redirect_uri: REDIRECT_URI,
    code_verifier: g.verifier,
  });
  const ds = () => t.running.app.get(DataSource);

  it('should exchange a code for access, refresh and ID tokens', async () => {
    const g = await consentedGrant(t.running.app, client.id);
    const res = await exchange(client, codeForm(g)).expect(200);
    assert.equal(res.headers['cache-control'], 'no-store');
    assert.equal(res.headers.pragma, 'no-cache');
    assert.equal(res.body.token_type, 'Bearer');
    assert.equal(res.body.expires_in, 300);
    assert.equal(parseToken(res.body.access_token).type, TokenType.AccessToken);
    assert.equal(parseToken(res.body.refresh_token).type, TokenType.RefreshToken);
    assert.equal(
      res.body.scope,
      'openid urn:matrix:client:api:* urn:matrix:client:device:ABCDEFGHIJ',
    );

    const jwks = createLocalJWKSet((await t.http().get('/oauth2/keys.json')).body);
    const { payload, protectedHeader } = await jwtVerify(res.body.id_token, jwks, {
      issuer: t.config.http.issuerUrl,
      audience: client.id,
    });
    assert.equal(protectedHeader.alg, 'RS256');
    assert.ok(protectedHeader.kid);
    assert.equal(payload.sub, g.userId);
    assert.equal(payload.nonce, g.nonce);
    assert.equal(typeof payload.auth_time, 'number');
    assert.equal(payload.exp! - payload.iat!, 3600);
    assert.ok(payload.at_hash);

    // Only hashes are stored.
    const stored = await ds()
      .getRepository(OAuth2AccessTokenEntity)
      .findOneBy({
        accessTokenSha256: hashToken(res.body.access_token),
      });
    assert.ok(stored);
  });

  it('should honour the client id_token_signed_response_alg', async () => {
    const es = await addCodeFlowClient(t.running.app, 'client_secret_basic', 'ES256');
    const g = await consentedGrant(t.running.app, es.id);
    const res = await exchange(es, codeForm(g)).expect(200);
    const jwks = createLocalJWKSet((await t.http().get('/oauth2/keys.json')).body);
    const { protectedHeader } = await jwtVerify(res.body.id_token, jwks);
    assert.equal(protectedHeader.alg, 'ES256');
  });

  it('should not issue an ID token without the openid scope', async () => {
    const g = await consentedGrant(t.running.app, client.id, 'urn:matrix:client:api:*');
    const res = await exchange(client, codeForm(g)).expect(200);
    assert.equal(res.body.id_token, undefined);
    assert.ok(res.body.refresh_token);
  });

  it('should refuse a reused code and end its session when replayed after 20 s', async () => {
    const g = await consentedGrant(t.running.app, client.id);
    await exchange(client, codeForm(g)).expect(200);
    const early = await exchange(client, codeForm(g)).expect(400);
    assert.equal(early.body.error, 'invalid_grant');
    const grant = await ds()
      .getRepository(OAuth2AuthorizationGrantEntity)
      .findOneBy({ id: g.grantId });
    const session = () =>
      ds().getRepository(OAuth2SessionEntity).findOneBy({ id: grant!.oauth2SessionId! });
    assert.equal((await session())?.finishedAt, null);
    await ds()
      .getRepository(OAuth2AuthorizationGrantEntity)
      .update({ id: g.grantId }, { exchangedAt: new Date(Date.now() - 30_000) });
    await exchange(client, codeForm(g)).expect(400);
    assert.ok((await session())?.finishedAt, 'the replay ended the session');
  });

  it('should let exactly one of two racing exchanges of one code succeed', async () => {
    const g = await consentedGrant(t.running.app, client.id);
    const [a, b] = await Promise.all([
      exchange(client, codeForm(g)),
      exchange(client, codeForm(g)),
    ]);
    assert.deepEqual([a.status, b.status].sort(), [200, 400]);
  });

  const refusals: [string, (g: { code: string; verifier: string }) => Record<string, string>][] = [
    ['a wrong PKCE verifier', (g) => ({ ...codeForm(g), code_verifier: 'x'.repeat(43) })],
    [
      'a missing PKCE verifier (downgrade)',
      (g) => {
        const f = codeForm(g);
        delete (f as Partial<typeof f>).code_verifier;
        return f;
      },
    ],
    [
      'another redirect_uri',
      (g) => ({ ...codeForm(g), redirect_uri: 'https://app.example.org/other' }),
    ],
    ['an unknown code', (g) => ({ ...codeForm(g), code: 'nope' })],
  ];
  for (const [name, form] of refusals) {
    it(`should refuse ${name} with invalid_grant`, async () => {
      const g = await consentedGrant(t.running.app, client.id);
      const res = await exchange(client, form(g)).expect(400);
      assert.equal(res.body.error, 'invalid_grant');
    });
  }

  it('should refuse a code issued to another client', async () => {
    const other = await addCodeFlowClient(t.running.app);
    const g = await consentedGrant(t.running.app, client.id);
    const res = await exchange(other, codeForm(g)).expect(400);
    assert.equal(res.body.error, 'invalid_grant');
  });

  it('should answer invalid_client with 401 and a challenge for a wrong secret', async () => {
    const g = await consentedGrant(t.running.app, client.id);
    const res = await exchange({ ...client, secret: 'wrong' }, codeForm(g)).expect(401);
    assert.equal(res.body.error, 'invalid_client');
    assert.match(res.headers['www-authenticate'], /^Basic/);
  });

  it('should answer unsupported_grant_type, and invalid_request for missing or repeated parameters', async () => {
    assert.equal(
      (await exchange(client, { grant_type: 'password' }).expect(400)).body.error,
      'unsupported_grant_type',
    );
    assert.equal((await exchange(client, {}).expect(400)).body.error, 'invalid_request');
    const repeated = await t
      .http()
      .post('/oauth2/token')
      .set('Authorization', basic(client))
      .type('form')
      .send('grant_type=authorization_code&code=a&code=b');
    assert.equal(repeated.status, 400);
    assert.equal(repeated.body.error, 'invalid_request');
  });

  it('should refuse a body that is not form-encoded (RFC 6749 §3.2), never reading it as parameters', async () => {
    const g = await consentedGrant(t.running.app, client.id);
    for (const send of [
      (r: ReturnType<typeof t.http>) => r.post('/oauth2/token').send(codeForm(g)),
      (r: ReturnType<typeof t.http>) =>
        r.post('/oauth2/token').set('Content-Type', 'text/plain').send('grant_type=x'),
      (r: ReturnType<typeof t.http>) => r.post('/oauth2/token'),
    ]) {
      const res = await send(t.http()).set('Authorization', basic(client));
      assert.equal(res.status, 400);
      assert.equal(res.body.error, 'invalid_request');
      assert.equal(res.headers['cache-control'], 'no-store');
    }
    // The code was not spent by the JSON attempt.
    await exchange(client, codeForm(g)).expect(200);
  });

  describe('refresh', () => {
    const refresh = (token: string) =>
      exchange(client, { grant_type: 'refresh_token', refresh_token: token });
    const accessRow = (token: string) =>
      ds()
        .getRepository(OAuth2AccessTokenEntity)
        .findOneBy({ accessTokenSha256: hashToken(token) });

    it('should rotate both tokens and revoke the previous access token', async () => {
      const first = (
        await exchange(client, codeForm(await consentedGrant(t.running.app, client.id)))
      ).body;
      const second = (await refresh(first.refresh_token).expect(200)).body;
      assert.notEqual(second.access_token, first.access_token);
      assert.notEqual(second.refresh_token, first.refresh_token);
      assert.ok((await accessRow(first.access_token))?.revokedAt);
      assert.equal((await accessRow(second.access_token))?.revokedAt, null);
      assert.equal(second.scope, first.scope);
    });

    it('should recover a lost response while the successor pair is unused', async () => {
      const first = (
        await exchange(client, codeForm(await consentedGrant(t.running.app, client.id)))
      ).body;
      const lost = (await refresh(first.refresh_token).expect(200)).body;
      const again = (await refresh(first.refresh_token).expect(200)).body;
      assert.ok((await accessRow(lost.access_token))?.revokedAt, 'the lost pair is revoked');
      await refresh(lost.refresh_token).expect(400);
      await refresh(again.refresh_token).expect(200);
    });

    it('should end the whole session on a true replay', async () => {
      const first = (
        await exchange(client, codeForm(await consentedGrant(t.running.app, client.id)))
      ).body;
      const second = (await refresh(first.refresh_token).expect(200)).body;
      // The successor was used (as introspection records it), so the old token is now a replay.
      await ds()
        .getRepository(OAuth2AccessTokenEntity)
        .update({ accessTokenSha256: hashToken(second.access_token) }, { firstUsedAt: new Date() });
      const replay = await refresh(first.refresh_token).expect(400);
      assert.equal(replay.body.error, 'invalid_grant');
      assert.ok((await accessRow(second.access_token))?.revokedAt, 'live tokens were revoked');
      await refresh(second.refresh_token).expect(400);
    });

    it('should leave exactly one live refresh token after two racing refreshes', async () => {
      const first = (
        await exchange(client, codeForm(await consentedGrant(t.running.app, client.id)))
      ).body;
      const [a, b] = await Promise.all([
        refresh(first.refresh_token),
        refresh(first.refresh_token),
      ]);
      // The loser either failed, or (arriving after the commit) recovered the unused pair;
      // never a 500, and the session keeps a single valid chain.
      const statuses = [a.status, b.status];
      assert.ok(
        statuses.every((s) => s === 200 || s === 400),
        statuses.join(' '),
      );
      assert.ok(statuses.includes(200));
      const sessionId = (await accessRow(first.access_token))!.oauth2SessionId;
      const live = await ds()
        .getRepository(OAuth2RefreshTokenEntity)
        .countBy({ oauth2SessionId: sessionId, consumedAt: IsNull(), revokedAt: IsNull() });
      assert.equal(live, 1);
    });

    it('should refuse a refresh token of another client', async () => {
      const first = (
        await exchange(client, codeForm(await consentedGrant(t.running.app, client.id)))
      ).body;
      const other = await addCodeFlowClient(t.running.app);
      const res = await exchange(other, {
        grant_type: 'refresh_token',
        refresh_token: first.refresh_token,
      });
      assert.equal(res.status, 400);
      assert.equal(res.body.error, 'invalid_grant');
    });
  });

  it('should advertise the token endpoint and its methods in discovery', async () => {
    const d = (await t.http().get('/.well-known/openid-configuration')).body as {
      token_endpoint: string;
      grant_types_supported: string[];
      token_endpoint_auth_methods_supported: string[];
      id_token_signing_alg_values_supported: string[];
    };
    assert.equal(d.token_endpoint, `${t.config.http.publicBaseUrl}oauth2/token`);
    assert.deepEqual(d.grant_types_supported, [
      'authorization_code',
      'refresh_token',
      'client_credentials',
      'urn:ietf:params:oauth:grant-type:device_code',
    ]);
    assert.ok(d.token_endpoint_auth_methods_supported.includes('private_key_jwt'));
    assert.ok(d.id_token_signing_alg_values_supported.includes('RS256'));
  });
});
