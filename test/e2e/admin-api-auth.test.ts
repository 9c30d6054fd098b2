import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { DataSource } from 'typeorm';
import { CryptoRng, generateToken, SystemClock, TokenType } from '../../src/core';
import { OAuth2AccessTokenEntity } from '../../src/storage/oauth2/oauth2-access-token.entity';
import { OAuth2SessionEntity } from '../../src/storage/oauth2/oauth2-session.entity';
import { UserEntity } from '../../src/storage/users/user.entity';
import { adminAccessToken } from '../factories/admin-token.factory';
import { TokenRows } from '../factories/token-rows.factory';
import { createTestApp, type TestApp } from '../setup/test-app';

const VERSION = '/api/admin/v1/version';

describe('admin API authentication (MAS admin/call_context.rs)', () => {
  let t: TestApp;
  let ds: DataSource;
  before(async () => {
    t = await createTestApp();
    ds = t.running.app.get(DataSource);
  });
  after(async () => {
    await t.close();
  });

  async function expectError(auth: string | undefined, status: number, title: string) {
    const req = t.http().get(VERSION);
    if (auth !== undefined) req.set('Authorization', auth);
    const res = await req.expect(status);
    assert.match(String(res.headers['content-type']), /^application\/json/);
    assert.deepEqual(res.body.errors[0], { title });
  }

  it('should answer the version to an OAuth access token with urn:mas:admin', async () => {
    const { token } = await adminAccessToken(t.running.app);
    const res = await t.http().get(VERSION).set('Authorization', `Bearer ${token}`).expect(200);
    assert.deepEqual(res.body, { version: '0.1.0' });
  });

  it('should answer 400 without an Authorization header', () =>
    expectError(undefined, 400, 'Missing authorization header'));

  it('should answer 400 to a header that is not a bearer token', () =>
    expectError('Basic Zm9vOmJhcg==', 400, 'Invalid authorization header'));

  it('should answer 401 to a token that is not an access token', () =>
    expectError('Bearer not-a-token', 401, 'Invalid type of access token'));

  it('should answer 401 to a compat token', async () => {
    const { access } = await new TokenRows(ds).compat();
    await expectError(`Bearer ${access}`, 401, 'Invalid type of access token');
  });

  it('should answer 401 to an unknown access token', async () => {
    const never = generateToken(TokenType.AccessToken, new CryptoRng(new SystemClock()));
    await expectError(`Bearer ${never}`, 401, 'Unknown access token');
  });

  it('should answer 401 to an expired access token', async () => {
    const { token } = await adminAccessToken(t.running.app, {
      expiresAt: new Date(Date.now() - 1000),
    });
    await expectError(`Bearer ${token}`, 401, 'Access token expired');
  });

  it('should answer 401 to a revoked access token', async () => {
    const { token, tokenId } = await adminAccessToken(t.running.app);
    await ds
      .getRepository(OAuth2AccessTokenEntity)
      .update({ id: tokenId }, { revokedAt: new Date() });
    await expectError(`Bearer ${token}`, 401, 'Access token expired');
  });

  it('should answer 401 when the session is finished', async () => {
    const { token, sessionId } = await adminAccessToken(t.running.app);
    await ds
      .getRepository(OAuth2SessionEntity)
      .update({ id: sessionId }, { finishedAt: new Date() });
    await expectError(`Bearer ${token}`, 401, 'Access token revoked');
  });

  it('should answer 401 without urn:mas:admin in scope', async () => {
    const { token } = await adminAccessToken(t.running.app, { scope: ['openid'] });
    await expectError(`Bearer ${token}`, 401, 'Missing urn:mas:admin scope');
  });

  it('should answer 401 when the user is locked', async () => {
    const { token, user } = await adminAccessToken(t.running.app);
    await ds.getRepository(UserEntity).update({ id: user!.id }, { lockedAt: new Date() });
    await expectError(`Bearer ${token}`, 401, 'User locked');
  });

  it('should accept a client_credentials session without a user', async () => {
    const { token } = await adminAccessToken(t.running.app, { clientOnly: true });
    await t.http().get(VERSION).set('Authorization', `Bearer ${token}`).expect(200);
  });

  it('should accept a personal access token with urn:mas:admin', async () => {
    const { raw } = await new TokenRows(ds).personal({ scope: ['urn:mas:admin'] });
    await t.http().get(VERSION).set('Authorization', `Bearer ${raw}`).expect(200);
  });

  it('should answer 401 to a personal token without urn:mas:admin or past its expiry', async () => {
    const rows = new TokenRows(ds);
    const plain = await rows.personal();
    await expectError(`Bearer ${plain.raw}`, 401, 'Missing urn:mas:admin scope');
    const expired = await rows.personal({
      scope: ['urn:mas:admin'],
      expiresAt: new Date(Date.now() - 1000),
    });
    await expectError(`Bearer ${expired.raw}`, 401, 'Access token expired');
  });

  it('should not serve the admin API on a listener without the adminapi resource', async () => {
    const { token } = await adminAccessToken(t.running.app);
    await t.http('internal').get(VERSION).set('Authorization', `Bearer ${token}`).expect(404);
  });

  it('should answer CORS preflights for any origin', async () => {
    const res = await t
      .http()
      .options('/api/admin/v1/users')
      .set('Origin', 'https://admin.example')
      .set('Access-Control-Request-Method', 'POST')
      .set('Access-Control-Request-Headers', 'authorization,content-type');
    assert.ok(res.status === 204 || res.status === 200);
    assert.equal(res.headers['access-control-allow-origin'], '*');
  });
});
