import type { Command } from 'commander';
import { runMigrations } from '../../database/run-migrations';
import { createRootLogger } from '../../logging/root-logger';
import { loadConfigForCli } from '../load-config';
import { openDatabase } from '../open-database';
import { globalConfigPaths } from '../global-options';
import { installJobsSchema } from '../jobs-for-cli';

export function registerDatabaseCommands(program: Command): void {
  const database = program.command('database').description('Manage the database');
  database
    .command('migrate')
    .description('Apply pending database migrations and install the job queue schema')
    .action(async (_opts, cmd: Command) => {
      const config = await loadConfigForCli(globalConfigPaths(cmd));
      const logger = createRootLogger();
      const db = await openDatabase(config.database, logger);
      try {
        const applied = await runMigrations(db.dataSource);
        await installJobsSchema(db, logger);
        logger.info({ applied }, applied.length ? 'migrations applied' : 'database is up to date');
      } finally {
        await db.close();
      }
    });
}
