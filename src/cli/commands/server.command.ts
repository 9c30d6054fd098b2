import type { Command } from 'commander';
import type { Logger } from 'pino';
import type { MasConfig } from '../../config';
import { Keystore, KeystoreError } from '../../core';
import { runMigrations } from '../../database/run-migrations';
import { createApp } from '../../app/create-app';
import { startListeners, stopListeners } from '../../http/listener-servers';
import { describeBind } from '../../http/bind-address';
import { createRootLogger } from '../../logging/root-logger';
import { CliError } from '../cli-error';
import { globalConfigPaths } from '../global-options';
import { loadConfigForCli } from '../load-config';
import { openDatabase } from '../open-database';
import { syncStaticClients } from '../../static-clients/sync-static-clients';

export interface ServeOptions {
  migrate: boolean;
  sync: boolean;
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
  const db = await openDatabase(config.database, logger);
  try {
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
    }
    const { app, handler } = await createApp(config, db.dataSource, logger);
    const bound = await startListeners(handler, config.http.listeners, logger).catch(async (e) => {
      await app.close();
      throw new CliError(`cannot listen: ${(e as Error).message}`);
    });
    logger.info(
      { public_base: config.http.publicBaseUrl, issuer: config.http.issuerUrl },
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
  const stop = await serve(config, opts, logger);
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
    .description('Run the service: migrate, sync static clients, serve')
    .option('--no-migrate', 'do not apply pending migrations at start')
    .option('--no-sync', 'do not sync the static clients of the configuration at start')
    .action(async (opts: ServeOptions, cmd: Command) => {
      const config = await loadConfigForCli(globalConfigPaths(cmd));
      await serveUntilSignalled(config, opts);
    });
}
