import type { Command } from 'commander';
import { PasswordComplexity } from '../../../passwords/password-complexity';
import { UserAccounts } from '../../../users/user-accounts.service';
import { withManageApp } from './manage-app';

interface SetPasswordOptions {
  ignoreComplexity?: boolean;
}

/**
 * `manage set-password` (MAS crates/cli/src/commands/manage.rs `SetPassword`): refuses a
 * password below `passwords.minimum_complexity` unless `--ignore-complexity`.
 */
export function registerSetPasswordCommand(manage: Command): void {
  manage
    .command('set-password')
    .description("Set a user's password (a new hash with the current scheme)")
    .argument('<username>', 'localpart, or full @localpart:server user ID of this homeserver')
    .argument('<password>', 'the new password')
    .option('--ignore-complexity', 'set it even below passwords.minimum_complexity')
    .action(async (username: string, password: string, opts: SetPasswordOptions, cmd: Command) => {
      await withManageApp(cmd, async (app) => {
        const strength = opts.ignoreComplexity === true ? undefined : app.get(PasswordComplexity);
        await app.get(UserAccounts).setPassword(username, password, strength);
        process.stdout.write(`password set for ${username}\n`);
      });
    });
}
