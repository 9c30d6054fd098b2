import type { Command } from 'commander';
import { CliError } from '../cli-error';
import { createRootLogger } from '../../logging/root-logger';
import { SystemClock } from '../../core';
import { syncStaticClients } from '../../static-clients/sync-static-clients';
import { syncUpstreamProviders } from '../../upstream-providers/sync-upstream-providers';
import { globalConfigPaths } from '../global-options';
import { loadConfigForCli } from '../load-config';
import { openDatabase } from '../open-database';

export function registerConfigSyncCommand(config: Command): void {
  config
    .command('sync')
    .description(
      'Write the static clients and upstream OAuth 2.0 providers of the configuration into the database',
    )
    .option(
      '--prune',
      'remove static clients and disabled upstream providers that are no longer in the configuration',
      false,
    )
    .option('--dry-run', 'print what would change without changing anything', false)
    .action(async (opts: { prune: boolean; dryRun: boolean }, cmd: Command) => {
      const loaded = await loadConfigForCli(globalConfigPaths(cmd));
      const logger = createRootLogger('warn');
      const db = await openDatabase(loaded.database, logger);
      try {
        if (await db.dataSource.showMigrations()) {
          throw new CliError(
            'the database schema is not up to date; run `mas-ts database migrate` first',
          );
        }
        const report = await syncStaticClients(db.dataSource, loaded, opts);
        for (const line of report.lines()) process.stdout.write(`${line}\n`);
        const s = report.summary();
        process.stdout.write(`${opts.dryRun ? 'dry run: ' : ''}${JSON.stringify(s)}\n`);
        const providers = await syncUpstreamProviders(
          db.dataSource,
          loaded,
          new SystemClock(),
          opts,
        );
        for (const line of providers.lines()) process.stdout.write(`${line}\n`);
        const ps = JSON.stringify(providers.summary());
        process.stdout.write(`${opts.dryRun ? 'dry run: ' : ''}upstream providers: ${ps}\n`);
      } finally {
        await db.close();
      }
    });
}
