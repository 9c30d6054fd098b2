import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ulid } from 'ulid';
import { UserSessionRepository } from '../../src/storage/browser-sessions/user-session.repository';
import { CompatSessionEntity } from '../../src/storage/compat/compat-session.entity';
import { OAuth2SessionEntity } from '../../src/storage/oauth2/oauth2-session.entity';
import { AccountSessionsRepository } from '../../src/storage/sessions/account-sessions.repository';
import { createTestDatabase, type TestDatabase } from '../setup/test-database';
import { addClient, addUser, addUserSession } from './storage-fixtures';

describe('account sessions storage (the sessions of one user)', () => {
  let db: TestDatabase;
  let repo: AccountSessionsRepository;

  before(async () => {
    db = await createTestDatabase();
    repo = new AccountSessionsRepository(db.dataSource);
  });
  after(async () => {
    await db?.drop();
  });

  async function oauth2(userId: string, scope: string[], finished = false) {
    const client = await addClient(db.dataSource);
    const id = ulid();
    await db.dataSource.getRepository(OAuth2SessionEntity).insert({
      id,
      oauth2ClientId: client.id,
      userId,
      scopeList: scope,
      createdAt: new Date(),
      finishedAt: finished ? new Date() : null,
    });
    return id;
  }

  async function compat(userId: string, deviceId: string, finished = false) {
    const id = ulid();
    await db.dataSource.getRepository(CompatSessionEntity).insert({
      id,
      userId,
      deviceId,
      createdAt: new Date(),
      finishedAt: finished ? new Date() : null,
    });
    return id;
  }

  it('should find an active session by device in either scope namespace, never a finished one or another user’s', async () => {
    const user = await addUser(db.dataSource);
    const other = await addUser(db.dataSource);
    const stable = await oauth2(user.id, ['urn:matrix:client:device:STABLEDEV1']);
    const unstable = await oauth2(user.id, [
      'urn:matrix:org.matrix.msc2967.client:device:OLDDEVICE1',
    ]);
    await oauth2(user.id, ['urn:matrix:client:device:ENDEDDEV01'], true);
    const legacy = await compat(user.id, 'COMPATDEV1');
    await compat(other.id, 'THEIRDEV01');
    assert.equal((await repo.findActiveByDevice(user.id, 'STABLEDEV1'))?.id, stable);
    assert.equal((await repo.findActiveByDevice(user.id, 'OLDDEVICE1'))?.id, unstable);
    assert.equal((await repo.findActiveByDevice(user.id, 'COMPATDEV1'))?.id, legacy);
    assert.equal(await repo.findActiveByDevice(user.id, 'ENDEDDEV01'), null);
    assert.equal(await repo.findActiveByDevice(user.id, 'THEIRDEV01'), null);
    assert.equal(await repo.findActiveByDevice(user.id, 'STABLEDEV'), null, 'no prefix match');
  });

  it('should list only active sessions with full counts, and find any of the user’s by id', async () => {
    const user = await addUser(db.dataSource);
    await oauth2(user.id, ['openid']);
    const ended = await oauth2(user.id, ['openid'], true);
    await compat(user.id, 'LISTDEV001');
    const browser = await addUserSession(db.dataSource, user.id);
    const list = await repo.listActiveOfUser(user.id, 1);
    assert.deepEqual(list.total, { oauth2: 1, compat: 1, browser: 1 });
    assert.deepEqual(list.rows.map((r) => r.kind).sort(), ['browser', 'compat', 'oauth2']);
    assert.equal((await repo.findOfUser(user.id, ended))?.finishedAt instanceof Date, true);
    assert.equal((await repo.findOfUser(user.id, browser.id))?.kind, 'browser');
    const stranger = await addUser(db.dataSource);
    assert.equal(await repo.findOfUser(stranger.id, browser.id), null);
  });

  it('should rename only the user’s active OAuth 2.0 or compat session', async () => {
    const user = await addUser(db.dataSource);
    const other = await addUser(db.dataSource);
    const id = await compat(user.id, 'RENAMEDEV1');
    const ended = await compat(user.id, 'RENAMEDEV2', true);
    assert.equal(await repo.rename(other.id, 'compat', id, 'x'), false);
    assert.equal(await repo.rename(user.id, 'oauth2', id, 'x'), false);
    assert.equal(await repo.rename(user.id, 'compat', ended, 'x'), false);
    assert.equal(await repo.rename(user.id, 'compat', id, 'Phone'), true);
    assert.equal((await repo.findOfUser(user.id, id))?.humanName, 'Phone');
  });

  it('should finish every browser session of the user but the one kept', async () => {
    const user = await addUser(db.dataSource);
    const kept = await addUserSession(db.dataSource, user.id);
    const a = await addUserSession(db.dataSource, user.id);
    const b = await addUserSession(db.dataSource, user.id);
    const sessions = new UserSessionRepository(db.dataSource);
    assert.equal(await sessions.finishAllOfUserExcept(user.id, kept.id, new Date()), 2);
    assert.equal(await sessions.findActiveById(a.id), null);
    assert.equal(await sessions.findActiveById(b.id), null);
    assert.ok(await sessions.findActiveById(kept.id));
  });
});
