import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import type { INestApplicationContext } from '@nestjs/common';
import { ulid } from 'ulid';
import { createWorkerApp } from '../../src/app/create-app';
import { Rng } from '../../src/core';
import { type JobName, QUEUES } from '../../src/jobs/job-definitions';
import type { JobHandler } from '../../src/jobs/job-handler';
import { JobsEngine, type JobsLog } from '../../src/jobs/jobs-engine';
import { QueueWorker } from '../../src/jobs/queue-worker';
import { DeactivateUserJob } from '../../src/jobs/workers/deactivate-user.job';
import { ProvisionUserJob } from '../../src/jobs/workers/provision-user.job';
import { ReactivateUserJob } from '../../src/jobs/workers/reactivate-user.job';
import { createRootLogger } from '../../src/logging/root-logger';
import { UserSessionEntity } from '../../src/storage/browser-sessions/user-session.entity';
import { CompatSessionEntity } from '../../src/storage/compat/compat-session.entity';
import { OAuth2SessionEntity } from '../../src/storage/oauth2/oauth2-session.entity';
import { PersonalSessionEntity } from '../../src/storage/personal/personal-session.entity';
import { UserEmailRepository } from '../../src/storage/users/user-email.repository';
import { UserEntity } from '../../src/storage/users/user.entity';
import { UserIdNotFound } from '../../src/users/user-errors';
import { UserLocking } from '../../src/users/user-locking.service';
import { TokenRows } from '../factories/token-rows.factory';
import { RecordingHomeserver } from '../fakes/recording-homeserver';
import { jobRows } from '../setup/job-rows';
import { createTestConfig } from '../setup/test-config';
import { createTestDatabase, type TestDatabase } from '../setup/test-database';
import { testJobsSetup } from '../setup/test-jobs';
import { addClient, addOAuth2Session, addUserSession } from './storage-fixtures';

const silent: JobsLog = { log: () => undefined, warn: () => undefined, error: () => undefined };

describe('locking, deactivating and reactivating users through jobs', () => {
  let fake: RecordingHomeserver;
  let db: TestDatabase;
  let app: INestApplicationContext;
  let rows: TokenRows;

  before(async () => {
    fake = await RecordingHomeserver.start();
    db = await createTestDatabase();
    const config = await createTestConfig(`matrix:\n  endpoint: "${fake.endpoint}"\n`);
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
  });

  const locking = () => app.get(UserLocking);
  const userRow = (id: string) => db.dataSource.getRepository(UserEntity).findOneByOrFail({ id });
  const jobsFor = async (queue: JobName, userId: string) =>
    (await jobRows(db.dataSource, queue)).filter((j) => j.data.userId === userId);
  /** Runs every due job of `queue` with its real handler; returns how many ran. */
  async function drain<N extends JobName>(queue: N, handler: JobHandler<N>): Promise<number> {
    const worker = new QueueWorker(
      app.get(JobsEngine),
      QUEUES[queue],
      handler,
      500,
      app.get(Rng),
      silent,
    );
    let ran = 0;
    while (await worker.runOnce()) ran++;
    return ran;
  }
  const calls = () => fake.requests.map((r) => `${r.method} ${r.path}`);

  it('should lock the user at once and push the locked flag with their emails, then sync their devices', async () => {
    const user = await rows.user();
    await app.get(UserEmailRepository).add({
      id: ulid(),
      userId: user.id,
      email: 'locked@example.org',
      createdAt: new Date(),
    });

    await locking().lock(user.id);

    assert.notEqual((await userRow(user.id)).lockedAt, null);
    assert.equal(calls().length, 0, 'the homeserver is not called inline');
    assert.equal(await drain('provision-user', app.get(ProvisionUserJob)), 1);
    assert.deepEqual(calls(), ['POST /_synapse/mas/provision_user']);
    assert.deepEqual(fake.requests[0]?.body, {
      localpart: user.username,
      set_emails: ['locked@example.org'],
      locked: true,
    });
    assert.equal((await jobsFor('sync-devices', user.id)).length, 1, 'a device sync follows');
  });

  it('should unlock the user and push the unlocked flag', async () => {
    const user = await rows.user({ lockedAt: new Date() });
    await locking().unlock(user.id);
    assert.equal((await userRow(user.id)).lockedAt, null);
    await drain('provision-user', app.get(ProvisionUserJob));
    assert.equal((fake.requests[0]?.body as { locked: boolean }).locked, false);
  });

  it('should refuse an unknown user and enqueue nothing', async () => {
    const missing = ulid();
    await assert.rejects(locking().lock(missing), UserIdNotFound);
    await assert.rejects(locking().deactivate(missing, { erase: false }), UserIdNotFound);
    await assert.rejects(locking().reactivate(missing), UserIdNotFound);
    assert.deepEqual(await jobsFor('provision-user', missing), []);
    assert.deepEqual(await jobsFor('deactivate-user', missing), []);
  });

  it('should deactivate: lock at once, then end every session and delete the emails here, then deactivate on the homeserver, retrying while it is down', async () => {
    const { user, session: compat } = await rows.compat();
    const client = await addClient(db.dataSource);
    const oauth2 = await addOAuth2Session(db.dataSource, client.id, user.id);
    const browser = await addUserSession(db.dataSource, user.id);
    const { session: personal } = await rows.personal({ actor: user });
    await app.get(UserEmailRepository).add({
      id: ulid(),
      userId: user.id,
      email: 'gone@example.org',
      createdAt: new Date(),
    });

    await locking().deactivate(user.id, { erase: true });
    assert.notEqual((await userRow(user.id)).lockedAt, null, 'locked at once');
    assert.equal((await userRow(user.id)).deactivatedAt, null, 'deactivated by the job');

    await fake.stop();
    await drain('deactivate-user', app.get(DeactivateUserJob));
    const [pending] = await jobsFor('deactivate-user', user.id);
    assert.equal(pending?.state, 'retry', 'retried while the homeserver is down');
    assert.notEqual((await userRow(user.id)).deactivatedAt, null, 'the local part is done');

    await fake.restart();
    await db.dataSource.query('UPDATE pgboss.job SET start_after = now() WHERE id = $1', [
      pending.id,
    ]);
    assert.equal(await drain('deactivate-user', app.get(DeactivateUserJob)), 1);
    const [done] = await jobsFor('deactivate-user', user.id);
    assert.equal(done?.state, 'completed');
    assert.deepEqual(calls(), ['POST /_synapse/mas/delete_user']);
    assert.deepEqual(fake.requests[0]?.body, { localpart: user.username, erase: true });

    const ds = db.dataSource;
    assert.notEqual(
      (await ds.getRepository(CompatSessionEntity).findOneByOrFail({ id: compat.id })).finishedAt,
      null,
    );
    assert.notEqual(
      (await ds.getRepository(OAuth2SessionEntity).findOneByOrFail({ id: oauth2.id })).finishedAt,
      null,
    );
    assert.notEqual(
      (await ds.getRepository(UserSessionEntity).findOneByOrFail({ id: browser.id })).finishedAt,
      null,
    );
    assert.notEqual(
      (await ds.getRepository(PersonalSessionEntity).findOneByOrFail({ id: personal.id }))
        .revokedAt,
      null,
    );
    assert.deepEqual(await app.get(UserEmailRepository).listForUser(user.id), []);
  });

  it('should reactivate on the homeserver first, then here, then provision the user again', async () => {
    const user = await rows.user({ lockedAt: new Date(), deactivatedAt: new Date() });

    await locking().reactivate(user.id);
    assert.notEqual((await userRow(user.id)).deactivatedAt, null, 'nothing changes before the job');

    await fake.stop();
    await drain('reactivate-user', app.get(ReactivateUserJob));
    assert.notEqual(
      (await userRow(user.id)).deactivatedAt,
      null,
      'still deactivated while the homeserver is down',
    );

    await fake.restart();
    const [pending] = await jobsFor('reactivate-user', user.id);
    await db.dataSource.query('UPDATE pgboss.job SET start_after = now() WHERE id = $1', [
      pending.id,
    ]);
    assert.equal(await drain('reactivate-user', app.get(ReactivateUserJob)), 1);
    assert.deepEqual(calls(), ['POST /_synapse/mas/reactivate_user']);
    const after = await userRow(user.id);
    assert.equal(after.deactivatedAt, null);
    assert.equal(after.lockedAt, null);
    assert.equal((await jobsFor('provision-user', user.id)).length, 1);
  });
});
