import type { Command } from 'commander';
import type { Logger } from 'pino';
import type { MasConfig } from '../../config';
import { Keystore, KeystoreError, SystemClock } from '../../core';
import { runMigrations } from '../../database/run-migrations';
import { createApp } from '../../app/create-app';
import { startListeners, stopListeners } from '../../http/listener-servers';
import { describeBind } from '../../http/bind-address';
import { createRootLogger } from '../../logging/root-logger';
import { CliError } from '../cli-error';
import { globalConfigPaths } from '../global-options';
import { assertSplitPossible, cliErrorOfJobs, jobsSetupForCli } from '../jobs-for-cli';
import { loadConfigForCli } from '../load-config';
import { openDatabase } from '../open-database';
import { syncStaticClients } from '../../static-clients/sync-static-clients';
import { syncUpstreamProviders } from '../../upstream-providers/sync-upstream-providers';

export interface ServeOptions {
  migrate: boolean;
  sync: boolean;
  /** Also run the job workers in this process (false: `--no-worker`, jobs are only enqueued). */
  worker: boolean;
}

/** Boots the whole service and resolves once it is listening; returns a stop function. */
export async function serve(
  config: MasConfig,
  opts: ServeOptions,
  logger: Logger = createRootLogger(),
): Promise<() => Promise<void>> {
  try {
    Keystore.load(config.secrets.keyEntries());
  } catch (error) {
    if (error instanceof KeystoreError) throw new CliError(`secrets.keys: ${error.message}`);
    throw error;
  }
  if (!opts.worker) assertSplitPossible(config.database);
  const db = await openDatabase(config.database, logger);
  try {
    const jobs = jobsSetupForCli(db, { worker: opts.worker, migrate: opts.migrate });
    if (opts.migrate) {
      const applied = await runMigrations(db.dataSource);
      if (applied.length) logger.info({ applied }, 'migrations applied');
    }
    if (opts.sync) {
      const report = await syncStaticClients(db.dataSource, config, {
        prune: false,
        dryRun: false,
      });
      logger.info(report.summary(), 'static clients synced');
      const providers = await syncUpstreamProviders(db.dataSource, config, new SystemClock(), {
        prune: false,
        dryRun: false,
      });
      logger.info(providers.summary(), 'upstream providers synced');
    }
    const { app, handler } = await createApp(config, db.dataSource, logger, jobs).catch(
      (error: unknown) => {
        throw cliErrorOfJobs(error);
      },
    );
    const bound = await startListeners(handler, config.http.listeners, logger).catch(async (e) => {
      await app.close();
      throw new CliError(`cannot listen: ${(e as Error).message}`);
    });
    logger.info(
      {
        public_base: config.http.publicBaseUrl,
        issuer: config.http.issuerUrl,
        worker: opts.worker,
      },
      'mas-ts is ready',
    );
    process.stderr.write(
      `mas-ts is ready at ${config.http.publicBaseUrl} (listening on ${bound
        .map((b) =>
          describeBind(
            b.port !== undefined && b.bind.kind === 'tcp' ? { ...b.bind, port: b.port } : b.bind,
          ),
        )
        .join(', ')})\n`,
    );
    return async () => {
      await stopListeners(bound);
      await app.close();
      await db.close();
    };
  } catch (error) {
    await db.close().catch(() => undefined);
    throw error;
  }
}

/** Runs until SIGINT or SIGTERM, then shuts down gracefully. */
export async function serveUntilSignalled(config: MasConfig, opts: ServeOptions): Promise<void> {
  const logger = createRootLogger();
  await runUntilSignalled(await serve(config, opts, logger), logger);
}

/** Waits for SIGINT or SIGTERM, then calls `stop` (errors are logged). */
export async function runUntilSignalled(stop: () => Promise<void>, logger: Logger): Promise<void> {
  await new Promise<void>((resolve) => {
    const onSignal = (signal: NodeJS.Signals) => {
      logger.info({ signal }, 'shutting down');
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      stop().then(resolve, (e: unknown) => {
        logger.error({ err: e }, 'error during shutdown');
        resolve();
      });
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
  });
}

export function registerServerCommand(program: Command): void {
  program
    .command('server')
    .description('Run the service: migrate, sync static clients, serve and run the job workers')
    .option('--no-migrate', 'do not apply pending migrations at start')
    .option('--no-worker', 'do not run job workers here (run `mas-ts worker` beside it)')
    .option('--no-sync', 'do not sync the static clients of the configuration at start')
    .action(async (opts: ServeOptions, cmd: Command) => {
      const config = await loadConfigForCli(globalConfigPaths(cmd));
      await serveUntilSignalled(config, opts);
    });
}
