import type { Command } from 'commander';
import { UserLocking } from '../../../users/user-locking.service';
import { findUserForCli } from './find-user';
import { withManageApp } from './manage-app';

interface UnlockUserOptions {
  reactivate: boolean;
}

/**
 * `manage unlock-user [--reactivate]` (MAS `UnlockUser`): unlocks the user and queues the change
 * for the homeserver. A deactivated user stays deactivated (and cannot sign in) unless
 * `--reactivate`, which queues the reactivation; they are unlocked once the homeserver has
 * reactivated them.
 */
export function registerUnlockUserCommand(manage: Command): void {
  manage
    .command('unlock-user')
    .description('Unlock a user, and optionally reactivate them')
    .argument('<username>', 'localpart, or full @localpart:server user ID of this homeserver')
    .option('--reactivate', 'also reactivate a deactivated user', false)
    .action(async (username: string, opts: UnlockUserOptions, cmd: Command) => {
      await withManageApp(cmd, async (app) => {
        const user = await findUserForCli(app, username);
        const locking = app.get(UserLocking);
        if (opts.reactivate) {
          await locking.reactivate(user.id);
          process.stdout.write(`reactivation of ${user.username} queued\n`);
          return;
        }
        await locking.unlock(user.id);
        process.stdout.write(`unlocked ${user.username}\n`);
        if (user.deactivatedAt !== null) {
          process.stderr.write(
            `warning: ${user.username} is deactivated and still cannot sign in; pass --reactivate to reactivate them\n`,
          );
        }
      });
    });
}
