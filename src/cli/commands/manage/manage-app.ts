import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { Command } from 'commander';
import { ManageModule } from '../../../app/manage.module';
import { DomainError } from '../../../core';
import { createRootLogger } from '../../../logging/root-logger';
import { PinoNestLogger } from '../../../logging/pino-nest-logger';
import { CliError } from '../../cli-error';
import { globalConfigPaths } from '../../global-options';
import { cliErrorOfJobs, jobsSetupForCli } from '../../jobs-for-cli';
import { loadConfigForCli } from '../../load-config';
import { openDatabase } from '../../open-database';

/**
 * Runs `work` with the services of {@link ManageModule} on the migrated database: for the
 * `manage` commands that start or end sessions (they talk to the homeserver and enqueue
 * jobs). Domain errors become one-line CLI errors.
 */
export async function withManageApp<T>(
  cmd: Command,
  work: (app: INestApplicationContext) => Promise<T>,
): Promise<T> {
  const config = await loadConfigForCli(globalConfigPaths(cmd));
  const logger = createRootLogger('warn');
  const db = await openDatabase(config.database, logger);
  let app: INestApplicationContext | undefined;
  try {
    if (await db.dataSource.showMigrations()) {
      throw new CliError(
        'the database schema is not up to date; run `mas-ts database migrate` first',
      );
    }
    const jobs = jobsSetupForCli(db, { worker: false, migrate: false });
    app = await NestFactory.createApplicationContext(
      ManageModule.register({ config, dataSource: db.dataSource, jobs }),
      { logger: new PinoNestLogger(logger), abortOnError: false },
    ).catch((error: unknown) => {
      throw cliErrorOfJobs(error);
    });
    await app.init();
    return await work(app);
  } catch (error) {
    if (error instanceof DomainError) throw new CliError(error.message);
    throw error;
  } finally {
    await app?.close();
    await db.close();
  }
}
