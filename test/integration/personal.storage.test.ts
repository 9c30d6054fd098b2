import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ulid } from 'ulid';
import { PersonalAccessTokenEntity } from '../../src/storage/personal/personal-access-token.entity';
import { PersonalSessionEntity } from '../../src/storage/personal/personal-session.entity';
import { createTestDatabase, type TestDatabase } from '../setup/test-database';
import { addClient, addUser, randomTokenHash } from './storage-fixtures';

describe('personal sessions storage', () => {
  let db: TestDatabase;

  before(async () => {
    db = await createTestDatabase();
  });

  after(async () => {
    await db?.drop();
  });

  function session(
    owner: { ownerUserId: string | null; ownerOAuth2ClientId: string | null },
    actorUserId: string,
  ) {
    return {
      id: ulid(),
      ...owner,
      actorUserId,
      humanName: 'CI token',
      scopeList: ['urn:mas:admin'],
      createdAt: new Date(),
    };
  }

  it('should accept a session owned by exactly one user or one client', async () => {
    const user = await addUser(db.dataSource);
    const client = await addClient(db.dataSource);
    const repo = db.dataSource.getRepository(PersonalSessionEntity);
    await repo.insert(session({ ownerUserId: user.id, ownerOAuth2ClientId: null }, user.id));
    await repo.insert(session({ ownerUserId: null, ownerOAuth2ClientId: client.id }, user.id));
    assert.equal(await repo.countBy({ actorUserId: user.id }), 2);
  });

  it('should reject a session with both owners or with none', async () => {
    const user = await addUser(db.dataSource);
    const client = await addClient(db.dataSource);
    const repo = db.dataSource.getRepository(PersonalSessionEntity);
    await assert.rejects(
      repo.insert(session({ ownerUserId: user.id, ownerOAuth2ClientId: client.id }, user.id)),
      /personal_sessions_exactly_one_owner/,
    );
    await assert.rejects(
      repo.insert(session({ ownerUserId: null, ownerOAuth2ClientId: null }, user.id)),
      /personal_sessions_exactly_one_owner/,
    );
  });

  it('should allow only one non-revoked token per session', async () => {
    const user = await addUser(db.dataSource);
    const s = session({ ownerUserId: user.id, ownerOAuth2ClientId: null }, user.id);
    await db.dataSource.getRepository(PersonalSessionEntity).insert(s);
    const tokens = db.dataSource.getRepository(PersonalAccessTokenEntity);
    const token = (hash: Buffer) => ({
      id: ulid(),
      personalSessionId: s.id,
      accessTokenSha256: hash,
      createdAt: new Date(),
    });

    const first = token(randomTokenHash());
    await tokens.insert(first);
    await assert.rejects(
      tokens.insert(token(randomTokenHash())),
      /personal_access_tokens_personal_session_id_idx/,
    );
    await assert.rejects(
      tokens.insert({ ...token(first.accessTokenSha256), personalSessionId: s.id }),
      /duplicate key/,
    );

    await tokens.update({ id: first.id }, { revokedAt: new Date() });
    await tokens.insert(token(randomTokenHash()));
    assert.equal(await tokens.countBy({ personalSessionId: s.id }), 2);
  });
});
