import type { Command } from 'commander';

/**
 * `manage verify-email` (MAS: deprecated, does nothing): every stored address is verified;
 * kept so scripts written for MAS still run.
 */
export function registerVerifyEmailCommand(manage: Command): void {
  manage
    .command('verify-email')
    .description('(deprecated) does nothing: use add-email')
    .argument('<username>')
    .argument('<email>')
    .action(() => {
      process.stderr.write(
        'warning: verify-email is deprecated and does nothing; use add-email, which adds a verified address\n',
      );
    });
}
