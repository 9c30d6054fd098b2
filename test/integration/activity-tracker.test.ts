import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ulid } from 'ulid';
import { ActivityTracker, type ActivityTrackerOptions } from '../../src/activity';
import { CompatSessionEntity } from '../../src/storage/compat/compat-session.entity';
import { CompatSessionRepository } from '../../src/storage/compat/compat-session.repository';
import { OAuth2SessionEntity } from '../../src/storage/oauth2/oauth2-session.entity';
import { OAuth2SessionRepository } from '../../src/storage/oauth2/oauth2-session.repository';
import { PersonalSessionEntity } from '../../src/storage/personal/personal-session.entity';
import { PersonalSessionRepository } from '../../src/storage/personal/personal-session.repository';
import type { SessionActivity } from '../../src/storage/session-activity';
import { FakeClock } from '../fakes/fake-clock';
import { createTestDatabase, type TestDatabase } from '../setup/test-database';
import { queriesOf } from '../setup/query-log';
import { addClient, addOAuth2Session, addUser } from './storage-fixtures';

const SECOND = 1000;

/** Counts the batched writes a repository receives. */
class CountingOAuth2Sessions extends OAuth2SessionRepository {
  calls: SessionActivity[][] = [];
  failNext = false;

  override recordActivity(entries: readonly SessionActivity[]): Promise<number> {
    this.calls.push([...entries]);
    if (this.failNext) {
      this.failNext = false;
      return Promise.reject(new Error('database unavailable'));
    }
    return super.recordActivity(entries);
  }
}

describe('ActivityTracker (batched last_active_at, MAS activity tracker)', () => {
  let db: TestDatabase;
  let clock: FakeClock;
  let oauth2: CountingOAuth2Sessions;
  let trackers: ActivityTracker[] = [];

  before(async () => {
    db = await createTestDatabase();
    clock = new FakeClock();
    oauth2 = new CountingOAuth2Sessions(db.dataSource);
  });
  after(async () => {
    for (const t of trackers) await t.onModuleDestroy();
    await db.drop();
  });

  function tracker(options: Partial<ActivityTrackerOptions> = {}): ActivityTracker {
    const t = new ActivityTracker(
      clock,
      oauth2,
      new CompatSessionRepository(db.dataSource),
      new PersonalSessionRepository(db.dataSource),
      { flushIntervalMs: 3_600_000, ...options },
    );
    trackers = [...trackers, t];
    return t;
  }

  async function oauth2Session(): Promise<string> {
    const client = await addClient(db.dataSource);
    const user = await addUser(db.dataSource);
    return (await addOAuth2Session(db.dataSource, client.id, user.id)).id;
  }
  const oauth2Row = (id: string) =>
    db.dataSource.getRepository(OAuth2SessionEntity).findOneByOrFail({ id });

  it('should write nothing per request and everything in one UPDATE per flush', async () => {
    const t = tracker();
    const ids = [await oauth2Session(), await oauth2Session(), await oauth2Session()];
    oauth2.calls = [];
    const recording = await queriesOf(db.dataSource, () => {
      for (let i = 0; i < 5; i++) {
        for (const id of ids) t.record('oauth2', id);
        clock.advance(SECOND);
      }
      return Promise.resolve();
    });
    assert.deepEqual(recording, [], 'recording activity sends no SQL');
    assert.equal(t.pendingCount, 3);
    for (const id of ids) assert.equal((await oauth2Row(id)).lastActiveAt, null);

    const flushing = await queriesOf(db.dataSource, () => t.flush());
    assert.equal(flushing.length, 1, flushing.join('\n'));
    assert.match(flushing[0], /^\s*UPDATE oauth2_sessions/);
    assert.equal(oauth2.calls.length, 1);
    assert.equal(oauth2.calls[0].length, 3);
    const last = new Date(clock.now().getTime() - SECOND);
    for (const id of ids)
      assert.equal((await oauth2Row(id)).lastActiveAt?.getTime(), last.getTime());
    assert.equal(t.pendingCount, 0);
  });

  it('should send no SQL when nothing is pending', async () => {
    const t = tracker();
    assert.deepEqual(await queriesOf(db.dataSource, () => t.flush()), []);
  });

  it('should never move last_active_at backwards', async () => {
    const t = tracker();
    const id = await oauth2Session();
    const later = new Date(clock.now().getTime() + 60 * SECOND);
    await db.dataSource.getRepository(OAuth2SessionEntity).update({ id }, { lastActiveAt: later });
    t.record('oauth2', id);
    await t.flush();
    assert.equal((await oauth2Row(id)).lastActiveAt?.getTime(), later.getTime());
  });

  it('should store a known address and keep it when later activity has none', async () => {
    const t = tracker();
    const id = await oauth2Session();
    t.record('oauth2', id, '192.0.2.7');
    await t.flush();
    assert.equal((await oauth2Row(id)).lastActiveIp, '192.0.2.7');
    clock.advance(SECOND);
    t.record('oauth2', id);
    await t.flush();
    const row = await oauth2Row(id);
    assert.equal(row.lastActiveIp, '192.0.2.7');
    assert.equal(row.lastActiveAt?.getTime(), clock.now().getTime());
  });

  it('should write compat and personal sessions to their own tables', async () => {
    const t = tracker();
    const user = await addUser(db.dataSource);
    const compatId = ulid();
    await db.dataSource
      .getRepository(CompatSessionEntity)
      .insert({ id: compatId, userId: user.id, deviceId: 'D', createdAt: clock.now() });
    const personalId = ulid();
    await db.dataSource.getRepository(PersonalSessionEntity).insert({
      id: personalId,
      ownerUserId: user.id,
      actorUserId: user.id,
      humanName: 'bot',
      scopeList: [],
      createdAt: clock.now(),
    });
    t.record('compat', compatId, '2001:db8::1');
    t.record('personal', personalId);
    const written = await t.flush();
    assert.deepEqual(written, { oauth2: 0, compat: 1, personal: 1 });
    const compat = await db.dataSource
      .getRepository(CompatSessionEntity)
      .findOneByOrFail({ id: compatId });
    assert.equal(compat.lastActiveAt?.getTime(), clock.now().getTime());
    assert.equal(compat.lastActiveIp, '2001:db8::1');
    const personal = await db.dataSource
      .getRepository(PersonalSessionEntity)
      .findOneByOrFail({ id: personalId });
    assert.equal(personal.lastActiveAt?.getTime(), clock.now().getTime());
  });

  it('should skip sessions that no longer exist', async () => {
    const t = tracker();
    const id = await oauth2Session();
    t.record('oauth2', id);
    t.record('oauth2', ulid());
    assert.deepEqual(await t.flush(), { oauth2: 1, compat: 0, personal: 0 });
  });

  it('should flush at once when maxPending sessions are pending', async () => {
    const t = tracker({ maxPending: 2 });
    const a = await oauth2Session();
    const b = await oauth2Session();
    oauth2.calls = [];
    t.record('oauth2', a);
    assert.equal(oauth2.calls.length, 0);
    t.record('oauth2', b);
    await t.flush(); // waits for the flush the second record started
    assert.equal(oauth2.calls.length, 1);
    assert.ok((await oauth2Row(a)).lastActiveAt);
    assert.ok((await oauth2Row(b)).lastActiveAt);
  });

  it('should keep activity a failed write could not store and write it at the next flush', async () => {
    const t = tracker();
    const id = await oauth2Session();
    t.record('oauth2', id);
    oauth2.failNext = true;
    assert.deepEqual(await t.flush(), { oauth2: 0, compat: 0, personal: 0 });
    assert.equal(t.pendingCount, 1);
    assert.equal((await oauth2Row(id)).lastActiveAt, null);
    await t.flush();
    assert.equal((await oauth2Row(id)).lastActiveAt?.getTime(), clock.now().getTime());
  });

  it('should write pending activity when the application shuts down', async () => {
    const t = tracker();
    t.onModuleInit();
    const id = await oauth2Session();
    t.record('oauth2', id);
    await t.onModuleDestroy();
    assert.equal((await oauth2Row(id)).lastActiveAt?.getTime(), clock.now().getTime());
  });
});
