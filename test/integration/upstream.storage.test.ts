import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ulid } from 'ulid';
import { UserSessionAuthenticationEntity } from '../../src/storage/browser-sessions/user-session-authentication.entity';
import { UpstreamOAuthAuthorizationSessionEntity } from '../../src/storage/upstream/upstream-oauth-authorization-session.entity';
import { UpstreamOAuthLinkEntity } from '../../src/storage/upstream/upstream-oauth-link.entity';
import { UpstreamOAuthProviderEntity } from '../../src/storage/upstream/upstream-oauth-provider.entity';
import { createTestDatabase, type TestDatabase } from '../setup/test-database';
import { addUser, addUserSession } from './storage-fixtures';

describe('upstream storage', () => {
  let db: TestDatabase;

  before(async () => {
    db = await createTestDatabase();
  });

  after(async () => {
    await db?.drop();
  });

  async function addProvider(): Promise<UpstreamOAuthProviderEntity> {
    return db.dataSource.getRepository(UpstreamOAuthProviderEntity).save({
      id: ulid(),
      issuer: 'https://idp.example.com/',
      scope: 'openid',
      clientId: 'mas',
      tokenEndpointAuthMethod: 'client_secret_basic',
      createdAt: new Date(),
    });
  }

  it('should apply the MAS column defaults to a new provider', async () => {
    const provider = await addProvider();
    const stored = await db.dataSource
      .getRepository(UpstreamOAuthProviderEntity)
      .findOneByOrFail({ id: provider.id });
    assert.equal(stored.discoveryMode, 'oidc');
    assert.equal(stored.pkceMode, 'auto');
    assert.equal(stored.responseMode, 'query');
    assert.equal(stored.idTokenSignedResponseAlg, 'RS256');
    assert.equal(stored.onBackchannelLogout, 'do_nothing');
    assert.deepEqual(stored.claimsImports, {});
    assert.equal(stored.uiOrder, 0);
  });

  it('should reject a second link for the same provider and subject', async () => {
    const provider = await addProvider();
    const links = db.dataSource.getRepository(UpstreamOAuthLinkEntity);
    const link = { upstreamOAuthProviderId: provider.id, subject: 'sub-1', createdAt: new Date() };
    await links.insert({ id: ulid(), ...link });
    await assert.rejects(
      links.insert({ id: ulid(), ...link }),
      /upstream_oauth_links_subject_unique/,
    );
  });

  it('should record the browser session on the upstream session when it authenticates', async () => {
    const provider = await addProvider();
    const user = await addUser(db.dataSource);
    const browser = await addUserSession(db.dataSource, user.id);
    const upstream = await db.dataSource
      .getRepository(UpstreamOAuthAuthorizationSessionEntity)
      .save({
        id: ulid(),
        upstreamOAuthProviderId: provider.id,
        state: ulid(),
        createdAt: new Date(),
        idTokenClaims: { sub: 'sub-2', sid: 'sid-2' },
      });

    await db.dataSource.getRepository(UserSessionAuthenticationEntity).insert({
      id: ulid(),
      userSessionId: browser.id,
      upstreamOAuthAuthorizationSessionId: upstream.id,
      createdAt: new Date(),
    });

    const stored = await db.dataSource
      .getRepository(UpstreamOAuthAuthorizationSessionEntity)
      .findOneByOrFail({ id: upstream.id });
    assert.equal(stored.userSessionId, browser.id);
    assert.deepEqual(stored.idTokenClaims, { sub: 'sub-2', sid: 'sid-2' });
  });
});
