import type { Command } from 'commander';
import { withUserAccounts } from './user-accounts-for-cli';

/** `manage set-password` (MAS crates/cli/src/commands/manage.rs `SetPassword`). */
export function registerSetPasswordCommand(manage: Command): void {
  manage
    .command('set-password')
    .description("Set a user's password (a new hash with the current scheme)")
    .argument('<username>', 'localpart, or full @localpart:server user ID of this homeserver')
    .argument('<password>', 'the new password')
    .option('--ignore-complexity', 'accepted for MAS compatibility; complexity is not checked yet')
    .action(async (username: string, password: string, _opts: unknown, cmd: Command) => {
      await withUserAccounts(cmd, async (accounts) => {
        await accounts.setPassword(username, password);
        process.stdout.write(`password set for ${username}\n`);
      });
    });
}
