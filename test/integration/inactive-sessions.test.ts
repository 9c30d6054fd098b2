import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { INestApplicationContext } from '@nestjs/common';
import { createWorkerApp } from '../../src/app/create-app';
import { ExperimentalConfig } from '../../src/config';
import { SystemClock } from '../../src/core';
import type { DeviceSync } from '../../src/homeserver/device-sync.service';
import { ExpireInactiveSessionsJob } from '../../src/jobs/workers/expire-inactive-sessions.job';
import { createRootLogger } from '../../src/logging/root-logger';
import { InactiveSessionRepository } from '../../src/storage/retention/inactive-session.repository';
import { uuidToUlid } from '../../src/storage/ulid-column';
import { jobRows } from '../setup/job-rows';
import { createTestConfig } from '../setup/test-config';
import { createTestDatabase, type TestDatabase } from '../setup/test-database';
import { testJobsSetup } from '../setup/test-jobs';
import { RetentionRows } from './retention-rows';

const CUTOFF = new Date('2024-06-01T00:00:00.000Z');
const OLD = new Date(CUTOFF.getTime() - 1000);
const NOW = new Date(CUTOFF.getTime() + 60_000);
const HOUR = 60 * 60 * 1000;

describe('expiring inactive sessions (experimental.inactive_session_expiration)', () => {
  let db: TestDatabase;
  let rows: RetentionRows;

  before(async () => {
    db = await createTestDatabase();
    rows = new RetentionRows(db.dataSource);
  });
  after(async () => {
    await db?.drop();
  });

  const finishedAt = async (table: string, id: string, key: string) => {
    const [row]: { finished_at: Date | null }[] = await db.dataSource.query(
      `SELECT finished_at FROM ${table} WHERE ${key} = $1`,
      [id],
    );
    return row?.finished_at ?? null;
  };

  it('should finish sessions last active before the threshold, leaving static clients and sessions never seen active', async () => {
    const repo = new InactiveSessionRepository(db.dataSource);
    const user = await rows.user();
    const dynamic = await rows.client();
    const staticClient = await rows.client({ isStatic: true });
    const old = await rows.oauth2Session(dynamic, user, { lastActiveAt: OLD });
    const at = await rows.oauth2Session(dynamic, user, { lastActiveAt: CUTOFF });
    const never = await rows.oauth2Session(dynamic, user);
    const ofStatic = await rows.oauth2Session(staticClient, user, { lastActiveAt: OLD });
    const compatOld = await rows.compatSession(user, { lastActiveAt: OLD });
    const compatAt = await rows.compatSession(user, { lastActiveAt: CUTOFF });
    const browserOld = await rows.userSession(user, { lastActiveAt: OLD });
    const browserAt = await rows.userSession(user, { lastActiveAt: CUTOFF });

    assert.deepEqual(await repo.finishOAuth2Sessions(CUTOFF, NOW, 10), [uuidToUlid(user)]);
    assert.deepEqual(await repo.finishCompatSessions(CUTOFF, NOW, 10), [uuidToUlid(user)]);
    assert.deepEqual(await repo.finishUserSessions(CUTOFF, NOW, 10), [uuidToUlid(user)]);
    assert.deepEqual(await repo.finishOAuth2Sessions(CUTOFF, NOW, 10), [], 'nothing twice');

    const o = (id: string) => finishedAt('oauth2_sessions', id, 'oauth2_session_id');
    assert.deepEqual(await o(old), NOW);
    assert.equal(await o(at), null);
    assert.equal(await o(never), null);
    assert.equal(await o(ofStatic), null);
    assert.deepEqual(await finishedAt('compat_sessions', compatOld, 'compat_session_id'), NOW);
    assert.equal(await finishedAt('compat_sessions', compatAt, 'compat_session_id'), null);
    assert.deepEqual(await finishedAt('user_sessions', browserOld, 'user_session_id'), NOW);
    assert.equal(await finishedAt('user_sessions', browserAt, 'user_session_id'), null);
  });

  it('should not be scheduled, and do nothing, without the configuration section', async () => {
    const job = new ExpireInactiveSessionsJob(
      new ExperimentalConfig(),
      new SystemClock(),
      new InactiveSessionRepository(db.dataSource),
      {} as DeviceSync,
    );
    assert.equal(job.schedule, undefined);
    assert.deepEqual(await job.run(), { skipped: 'inactive_session_expiration is not configured' });
  });

  it('should run every 15 minutes, finish the enabled kinds and sync the devices of their users', async () => {
    const config = await createTestConfig(
      'experimental:\n  inactive_session_expiration:\n    ttl: 3600\n    expire_user_sessions: false\n',
    );
    const app: INestApplicationContext = await createWorkerApp(
      config,
      db.dataSource,
      createRootLogger('silent'),
      testJobsSetup(db, { worker: false }),
    );
    try {
      const job = app.get(ExpireInactiveSessionsJob);
      assert.equal(job.schedule, '*/15 * * * *');
      // Finish what earlier tests left active, so only this test's sessions count.
      const repo = new InactiveSessionRepository(db.dataSource);
      const everything = new Date(Date.now() + HOUR);
      await repo.finishOAuth2Sessions(everything, new Date(), 1000);
      await repo.finishCompatSessions(everything, new Date(), 1000);
      await repo.finishUserSessions(everything, new Date(), 1000);
      const client = await rows.client();
      const longAgo = new Date(Date.now() - 2 * HOUR);
      const recently = new Date(Date.now() - 60_000);
      const a = await rows.user();
      const b = await rows.user();
      const c = await rows.user();
      const expiredOAuth2 = await rows.oauth2Session(client, a, { lastActiveAt: longAgo });
      await rows.compatSession(b, { lastActiveAt: longAgo });
      const activeOAuth2 = await rows.oauth2Session(client, c, { lastActiveAt: recently });
      const browser = await rows.userSession(c, { lastActiveAt: longAgo });

      const output = await job.run();

      assert.deepEqual(output, {
        oauth2Sessions: 1,
        compatSessions: 1,
        userSessions: 0,
        devicesSynced: 2,
      });
      assert.notEqual(
        await finishedAt('oauth2_sessions', expiredOAuth2, 'oauth2_session_id'),
        null,
      );
      assert.equal(await finishedAt('oauth2_sessions', activeOAuth2, 'oauth2_session_id'), null);
      assert.equal(await finishedAt('user_sessions', browser, 'user_session_id'), null, 'disabled');
      const synced = (await jobRows(db.dataSource, 'sync-devices')).map((j) => j.data.userId);
      assert.deepEqual(synced.sort(), [uuidToUlid(a), uuidToUlid(b)].sort());
    } finally {
      await app.close();
    }
  });
});
