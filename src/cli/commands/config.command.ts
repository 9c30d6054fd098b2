import type { Command } from 'commander';
import { writeFileSync } from 'node:fs';
import { dumpConfig, generateConfig } from '../../config';
import { Keystore, KeystoreError } from '../../core';
import { CliError } from '../cli-error';
import { globalConfigPaths } from '../global-options';
import { loadConfigForCli } from '../load-config';
import { writeNewPrivateFile } from '../write-new-file';
import { registerConfigSyncCommand } from './config-sync.command';

export function registerConfigCommands(program: Command): void {
  const config = program.command('config').description('Generate, check and apply configuration');

  config
    .command('generate')
    .description('Print a complete configuration with fresh secrets and signing keys')
    .option('-o, --output <file>', 'write to this file (mode 0600) instead of standard output')
    .action((opts: { output?: string }) => {
      const yaml = generateConfig();
      if (opts.output) writeNewPrivateFile(opts.output, yaml);
      else process.stdout.write(yaml);
    });

  config
    .command('check')
    .description('Validate the configuration; list every problem by its path')
    .action(async (_opts, cmd: Command) => {
      const loaded = await loadConfigForCli(globalConfigPaths(cmd));
      try {
        Keystore.load(loaded.secrets.keyEntries());
      } catch (error) {
        if (error instanceof KeystoreError) throw new CliError(`secrets.keys: ${error.message}`);
        throw error;
      }
      process.stdout.write('configuration is valid\n');
    });

  config
    .command('dump')
    .description('Print the merged configuration with every default filled in')
    .option('-o, --output <file>', 'write to this file instead of standard output')
    .action(async (opts: { output?: string }, cmd: Command) => {
      const yaml = dumpConfig(await loadConfigForCli(globalConfigPaths(cmd)));
      if (opts.output) writeFileSync(opts.output, yaml, { mode: 0o600 });
      else process.stdout.write(yaml);
    });

  registerConfigSyncCommand(config);
}
