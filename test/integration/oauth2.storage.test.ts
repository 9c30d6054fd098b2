import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ulid } from 'ulid';
import { OAuth2AccessTokenEntity } from '../../src/storage/oauth2/oauth2-access-token.entity';
import { OAuth2RefreshTokenEntity } from '../../src/storage/oauth2/oauth2-refresh-token.entity';
import { OAuth2SessionEntity } from '../../src/storage/oauth2/oauth2-session.entity';
import { UserEntity } from '../../src/storage/users/user.entity';
import { createTestDatabase, type TestDatabase } from '../setup/test-database';
import { addClient, addOAuth2Session, addUser, randomTokenHash } from './storage-fixtures';

describe('oauth2 storage', () => {
  let db: TestDatabase;

  before(async () => {
    db = await createTestDatabase();
  });

  after(async () => {
    await db?.drop();
  });

  it('should find an access token by its SHA-256 and reject a duplicate hash', async () => {
    const user = await addUser(db.dataSource);
    const client = await addClient(db.dataSource);
    const session = await addOAuth2Session(db.dataSource, client.id, user.id);
    const tokens = db.dataSource.getRepository(OAuth2AccessTokenEntity);
    const hash = randomTokenHash();
    const id = ulid();
    await tokens.insert({
      id,
      oauth2SessionId: session.id,
      accessTokenSha256: hash,
      createdAt: new Date(),
    });

    const found = await tokens.findOneByOrFail({ accessTokenSha256: hash });
    assert.equal(found.id, id);
    assert.equal(found.oauth2SessionId, session.id);
    assert.ok(Buffer.isBuffer(found.accessTokenSha256));
    assert.ok(found.accessTokenSha256.equals(hash));

    await assert.rejects(
      tokens.insert({
        id: ulid(),
        oauth2SessionId: session.id,
        accessTokenSha256: Buffer.from(hash),
        createdAt: new Date(),
      }),
      /oauth2_access_tokens_access_token_sha256_key/,
    );
  });

  it('should keep text[] scopes and null the successor link when a refresh token is deleted', async () => {
    const user = await addUser(db.dataSource);
    const client = await addClient(db.dataSource);
    const session = await addOAuth2Session(db.dataSource, client.id, user.id);
    const stored = await db.dataSource
      .getRepository(OAuth2SessionEntity)
      .findOneByOrFail({ id: session.id });
    assert.deepEqual(stored.scopeList, ['openid']);

    const refresh = db.dataSource.getRepository(OAuth2RefreshTokenEntity);
    const next = await refresh.save({
      id: ulid(),
      oauth2SessionId: session.id,
      refreshTokenSha256: randomTokenHash(),
      createdAt: new Date(),
    });
    const first = await refresh.save({
      id: ulid(),
      oauth2SessionId: session.id,
      refreshTokenSha256: randomTokenHash(),
      createdAt: new Date(),
      consumedAt: new Date(),
      nextOAuth2RefreshTokenId: next.id,
    });
    assert.equal(
      (await refresh.findOneByOrFail({ id: first.id })).nextOAuth2RefreshTokenId,
      next.id,
    );

    await refresh.delete({ id: next.id });
    assert.equal((await refresh.findOneByOrFail({ id: first.id })).nextOAuth2RefreshTokenId, null);
  });

  it("should delete a user's OAuth 2.0 sessions with the user", async () => {
    const user = await addUser(db.dataSource);
    const client = await addClient(db.dataSource);
    const session = await addOAuth2Session(db.dataSource, client.id, user.id);
    await db.dataSource.getRepository(UserEntity).delete({ id: user.id });
    assert.equal(
      await db.dataSource.getRepository(OAuth2SessionEntity).countBy({ id: session.id }),
      0,
    );
  });
});
