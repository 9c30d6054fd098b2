import type { Logger } from 'pino';
import type { DatabaseConfig } from '../config';
import type { OwnedDataSource } from '../database/data-source-factory';
import { JobsEngine, JobsEngineError } from '../jobs/jobs-engine';
import type { JobsSetup } from '../jobs/jobs-setup';
import { CliError } from './cli-error';

/**
 * Refuses to split web from worker (`server --no-worker`, `worker`) on the embedded PGlite,
 * before opening it: it lives in one process, so no other process could run the jobs (or
 * serve the web).
 */
export function assertSplitPossible(database: DatabaseConfig): void {
  if (database.mode() === 'embedded') {
    throw new CliError(
      'the embedded database (PGlite) serves a single process, so web and worker cannot run ' +
        'in separate processes; configure PostgreSQL (database.uri) or run `server` without ' +
        '--no-worker',
    );
  }
}

/** The job setup of a CLI process. */
export function jobsSetupForCli(
  db: OwnedDataSource,
  opts: { worker: boolean; migrate: boolean },
): JobsSetup {
  return { access: db.access, worker: opts.worker, migrate: opts.migrate };
}

/** A JobsEngineError (schema missing, queue unreachable) as one clear CLI error. */
export function cliErrorOfJobs(error: unknown): unknown {
  return error instanceof JobsEngineError ? new CliError(error.message) : error;
}

/** Creates or upgrades the job queue's schema (`pgboss`) and its queues (`database migrate`). */
export async function installJobsSchema(db: OwnedDataSource, logger: Logger): Promise<void> {
  const engine = new JobsEngine(
    { access: db.access, worker: false, migrate: true },
    {
      log: (m) => logger.info(m),
      warn: (m) => logger.warn(m),
      error: (m) => logger.error(m),
    },
  );
  try {
    await engine.start();
  } catch (error) {
    throw cliErrorOfJobs(error);
  } finally {
    await engine.stop();
  }
}
