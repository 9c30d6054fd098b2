import type { Command } from 'commander';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { generateDevelopmentConfig } from '../../config';
import { globalConfigPaths } from '../global-options';
import { loadConfigForCli } from '../load-config';
import { writeNewPrivateFile } from '../write-new-file';
import { serveUntilSignalled } from './server.command';

export const DEV_CONFIG_PATH = 'config/dev.yaml';
export const DEV_PORT = 8080;

/**
 * `npm start`: on first run writes a development config (embedded PGlite in `data/`, one
 * listener on 127.0.0.1:8080, fresh secrets) to `config/dev.yaml`, then serves with it. Extra
 * `-c` files are merged on top of it.
 */
export function registerDevCommand(program: Command): void {
  program
    .command('dev', { hidden: true })
    .description('Run with a generated development configuration (used by npm start)')
    .action(async (_opts, cmd: Command) => {
      const path = resolve(DEV_CONFIG_PATH);
      if (!existsSync(path)) {
        writeNewPrivateFile(
          path,
          generateDevelopmentConfig({ port: DEV_PORT, dataDir: 'data/pglite' }),
        );
        process.stderr.write(`generated a development configuration at ${DEV_CONFIG_PATH}\n`);
      }
      const config = await loadConfigForCli([path, ...globalConfigPaths(cmd)]);
      await serveUntilSignalled(config, { migrate: true, sync: true, worker: true });
    });
}
