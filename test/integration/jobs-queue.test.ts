import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import type { INestApplicationContext } from '@nestjs/common';
import { createWorkerApp } from '../../src/app/create-app';
import { Rng } from '../../src/core';
import { TransactionRunner } from '../../src/database/transaction';
import { QUEUES } from '../../src/jobs/job-definitions';
import type { JobHandler } from '../../src/jobs/job-handler';
import { JobQueue } from '../../src/jobs/job-queue';
import { JOBS_SCHEMA, JobsEngine, JobsEngineError, type JobsLog } from '../../src/jobs/jobs-engine';
import { QueueWorker } from '../../src/jobs/queue-worker';
import { SyncDevicesJob } from '../../src/jobs/workers/sync-devices.job';
import { createRootLogger } from '../../src/logging/root-logger';
import { TokenRows } from '../factories/token-rows.factory';
import { RecordingHomeserver } from '../fakes/recording-homeserver';
import { jobRows } from '../setup/job-rows';
import { createTestConfig } from '../setup/test-config';
import {
  createEmptyTestDatabase,
  createTestDatabase,
  type TestDatabase,
} from '../setup/test-database';
import { testJobsSetup } from '../setup/test-jobs';
import { waitFor } from '../setup/wait-for';

/** Log lines of the workers, to check what an administrator reads. */
class RecordingLog implements JobsLog {
  readonly lines: string[] = [];
  log(m: string) {
    this.lines.push(`log ${m}`);
  }
  warn(m: string) {
    this.lines.push(`warn ${m}`);
  }
  error(m: string) {
    this.lines.push(`error ${m}`);
  }
}

describe('job queue on pg-boss (sync-devices)', () => {
  let fake: RecordingHomeserver;
  let db: TestDatabase;
  let app: INestApplicationContext;
  let rows: TokenRows;
  let log: RecordingLog;

  before(async () => {
    fake = await RecordingHomeserver.start();
    db = await createTestDatabase();
    const config = await createTestConfig(`matrix:\n  endpoint: "${fake.endpoint}"\n`);
    // No workers of its own: each test drives a QueueWorker itself.
    app = await createWorkerApp(
      config,
      db.dataSource,
      createRootLogger('silent'),
      testJobsSetup(db, { worker: false }),
    );
    rows = new TokenRows(db.dataSource);
  });
  after(async () => {
    await app?.close();
    await db?.drop();
    await fake?.close();
  });
  beforeEach(async () => {
    await fake.restart();
    fake.reset();
    log = new RecordingLog();
  });

  const queue = () => app.get(JobQueue);
  const engine = () => app.get(JobsEngine);
  const worker = (handler: JobHandler<'sync-devices'> = app.get(SyncDevicesJob)) =>
    new QueueWorker(engine(), QUEUES['sync-devices'], handler, 500, app.get(Rng), log);
  const job = async (id: string) =>
    (await jobRows(db.dataSource, 'sync-devices')).find((j) => j.id === id)!;
  /** Makes a job waiting for its retry due now, instead of waiting out its backoff. */
  const makeDue = (id: string) =>
    db.dataSource.query(`UPDATE ${JOBS_SCHEMA}.job SET start_after = now() WHERE id = $1`, [id]);
  const retryDelayOf = async (id: string) => {
    const [row]: { retry_delay: number }[] = await db.dataSource.query(
      `SELECT retry_delay FROM ${JOBS_SCHEMA}.job WHERE id = $1`,
      [id],
    );
    return row?.retry_delay;
  };

  it('should run an enqueued job in the worker loop, woken without waiting for the next poll', async () => {
    const { user } = await rows.compat({ deviceId: 'LOOPDEVICE' });
    const w = worker();
    engine().onWake('sync-devices', () => w.wake());
    w.start();
    try {
      const id = (await queue().enqueue('sync-devices', { userId: user.id }))!;
      const done = await waitFor('the job to complete', async () => {
        const row = await job(id);
        return row.state === 'completed' ? row : undefined;
      });
      assert.deepEqual(done.output, { devices: 1 });
      assert.deepEqual(fake.requestsTo('/_synapse/mas/sync_devices')[0]?.body, {
        localpart: user.username,
        devices: ['LOOPDEVICE'],
      });
    } finally {
      assert.equal(await w.stop(2000), true, 'the loop stopped');
    }
  });

  it('should retry with capped exponential backoff while the homeserver is down and sync once it is back, losing nothing', async () => {
    const { user } = await rows.compat({ deviceId: 'DOWNDEVICE' });
    const id = (await queue().enqueue('sync-devices', { userId: user.id }))!;
    await fake.stop();
    const w = worker();

    // Test policy: 1 s after the first failure, then doubling, capped at 2 s.
    const delays: number[] = [];
    for (let attempt = 1; attempt <= 3; attempt++) {
      assert.equal(await w.runOnce(), true, `attempt ${attempt} ran`);
      const row = await job(id);
      assert.equal(row.state, 'retry');
      assert.equal(row.retryCount, attempt - 1);
      assert.ok(row.dueInSeconds > 0, 'the retry waits');
      assert.match(String(row.output?.message), /sync_devices: could not reach the homeserver/);
      delays.push(await retryDelayOf(id));
      assert.equal(await w.runOnce(), false, 'nothing is due during the backoff');
      await makeDue(id);
    }
    assert.deepEqual(delays, [1, 2, 2]);
    assert.match(
      log.lines[0],
      new RegExp(
        `^warn sync-devices job ${id} for user ${user.id} failed \\(attempt 1\\), retrying in 1 s: sync_devices: could not reach`,
      ),
    );

    await fake.restart();
    assert.equal(await w.runOnce(), true);
    const done = await job(id);
    assert.equal(done.state, 'completed');
    assert.equal(done.retryCount, 3);
    assert.equal(fake.requestsTo('/_synapse/mas/sync_devices').length, 1);
  });

  it('should fail a job for good on a permanent homeserver error and keep it for the administrator', async () => {
    const { user } = await rows.compat();
    const id = (await queue().enqueue('sync-devices', { userId: user.id }))!;
    fake.on('POST', '/_synapse/mas/sync_devices', {
      status: 404,
      body: { errcode: 'M_NOT_FOUND', error: 'User not found' },
    });

    assert.equal(await worker().runOnce(), true);

    const row = await job(id);
    assert.equal(row.state, 'failed');
    assert.equal(row.retryCount, 0);
    assert.match(String(row.output?.message), /^sync_devices: /);
    assert.match(
      log.lines[0],
      /^error sync-devices job .* failed for good after 1 attempt\(s\), kept as a failed job: sync_devices: /,
    );
  });

  it('should retry after an error of unknown nature, logging it as an error', async () => {
    const { user } = await rows.compat();
    const id = (await queue().enqueue('sync-devices', { userId: user.id }))!;
    const failing: JobHandler<'sync-devices'> = {
      queue: 'sync-devices',
      run: () => Promise.reject(new Error('connection terminated unexpectedly')),
    };

    assert.equal(await worker(failing).runOnce(), true);

    assert.equal((await job(id)).state, 'retry');
    assert.match(
      log.lines[0],
      /^error sync-devices job .* retrying in \d s: connection terminated unexpectedly/,
    );
    await makeDue(id);
    assert.equal(await worker().runOnce(), true);
    assert.equal((await job(id)).state, 'completed');
  });

  it('should keep one waiting sync per user, and accept a new one while that user’s sync runs', async () => {
    const a = await rows.user();
    const b = await rows.user();
    const first = await queue().enqueue('sync-devices', { userId: a.id });
    assert.ok(first);
    assert.equal(await queue().enqueue('sync-devices', { userId: a.id }), null, 'collapsed');
    const other = await queue().enqueue('sync-devices', { userId: b.id });
    assert.ok(other, 'another user has their own');

    let duringRun: string | null = null;
    let secondDuringRun: string | null = 'unset';
    const enqueueing: JobHandler<'sync-devices'> = {
      queue: 'sync-devices',
      run: async () => {
        duringRun = await queue().enqueue('sync-devices', { userId: a.id });
        secondDuringRun = await queue().enqueue('sync-devices', { userId: a.id });
        return {};
      },
    };
    assert.equal(await worker(enqueueing).runOnce(), true);
    assert.ok(duringRun, 'a change during the run gets a sync after it');
    assert.equal(secondDuringRun, null, 'one waiting job per user');
    while (await worker().runOnce()); // drain
  });

  it('should enqueue inside a transaction: nothing on rollback, the job once it commits', async () => {
    const user = await rows.user();
    const tx = app.get(TransactionRunner);
    await assert.rejects(
      tx.run(async (t) => {
        await queue().enqueue('sync-devices', { userId: user.id }, { tx: t });
        throw new Error('rolled back');
      }),
      /rolled back/,
    );
    const mine = async () =>
      (await jobRows(db.dataSource, 'sync-devices')).filter((j) => j.data.userId === user.id);
    assert.deepEqual(await mine(), []);

    await tx.run((t) => queue().enqueue('sync-devices', { userId: user.id }, { tx: t }));
    assert.equal((await mine()).length, 1);
    while (await worker().runOnce()); // drain
  });
});

describe('job queue schema', () => {
  it('should refuse to start without the schema when it may not migrate, naming the fix', async () => {
    const empty = await createEmptyTestDatabase();
    const owned = await empty.open();
    await owned.dataSource.initialize();
    try {
      const engine = new JobsEngine(
        { access: owned.access, worker: false, migrate: false },
        new RecordingLog(),
      );
      await assert.rejects(
        engine.start(),
        (e: unknown) => e instanceof JobsEngineError && /mas-ts database migrate/.test(e.message),
      );
    } finally {
      await owned.close();
      await empty.drop();
    }
  });
});
