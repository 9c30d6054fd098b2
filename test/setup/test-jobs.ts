import type { JobsSetup } from '../../src/jobs/jobs-setup';
import type { TestDatabase } from './test-database';

/**
 * The job queue of a test app: the app is its own worker, polling every 0.5 s (pg-boss's
 * minimum) and woken at once by jobs it enqueues, retrying after 1 s then 2 s, without cron
 * schedules or maintenance, and stopping within 2 s.
 */
export function testJobsSetup(
  db: Pick<TestDatabase, 'access'>,
  over: Partial<JobsSetup> = {},
): JobsSetup {
  return {
    access: db.access,
    worker: true,
    schedules: false,
    migrate: true,
    pollingIntervalSeconds: 0.5,
    retry: { firstDelaySeconds: 1, maxDelaySeconds: 2 },
    shutdownTimeoutMs: 2000,
    ...over,
  };
}
