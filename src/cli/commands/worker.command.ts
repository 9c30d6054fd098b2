import type { Command } from 'commander';
import type { Logger } from 'pino';
import { createWorkerApp } from '../../app/create-app';
import type { MasConfig } from '../../config';
import { JobWorkers } from '../../jobs/job-workers.service';
import { createRootLogger } from '../../logging/root-logger';
import { CliError } from '../cli-error';
import { globalConfigPaths } from '../global-options';
import { assertSplitPossible, cliErrorOfJobs, jobsSetupForCli } from '../jobs-for-cli';
import { loadConfigForCli } from '../load-config';
import { openDatabase } from '../open-database';
import { runUntilSignalled } from './server.command';

/**
 * Starts a worker-only process on a migrated database: the job workers and schedules, no
 * listener. Resolves once the workers run; returns a stop function.
 */
export async function startWorker(
  config: MasConfig,
  logger: Logger = createRootLogger(),
): Promise<() => Promise<void>> {
  assertSplitPossible(config.database);
  const db = await openDatabase(config.database, logger);
  try {
    const jobs = jobsSetupForCli(db, { worker: true, migrate: false });
    if (await db.dataSource.showMigrations()) {
      throw new CliError(
        'the database schema is not up to date; run `mas-ts database migrate` first',
      );
    }
    const app = await createWorkerApp(config, db.dataSource, logger, jobs).catch(
      (error: unknown) => {
        throw cliErrorOfJobs(error);
      },
    );
    const queues = app.get(JobWorkers).queues;
    logger.info({ queues }, 'mas-ts worker is ready');
    process.stderr.write(`mas-ts worker is ready (${queues.length} job queues)\n`);
    return async () => {
      await app.close();
      await db.close();
    };
  } catch (error) {
    await db.close().catch(() => undefined);
    throw error;
  }
}

export function registerWorkerCommand(program: Command): void {
  program
    .command('worker')
    .description('Run only the job workers and schedules (beside `server --no-worker`)')
    .action(async (_opts, cmd: Command) => {
      const config = await loadConfigForCli(globalConfigPaths(cmd));
      const logger = createRootLogger();
      await runUntilSignalled(await startWorker(config, logger), logger);
    });
}
