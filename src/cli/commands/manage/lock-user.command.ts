import type { Command } from 'commander';
import { UserLocking } from '../../../users/user-locking.service';
import { findUserForCli } from './find-user';
import { withManageApp } from './manage-app';

interface LockUserOptions {
  deactivate: boolean;
}

/**
 * `manage lock-user [--deactivate]` (MAS `LockUser`): locks the user at once (no sign-in, their
 * tokens stop working) and queues the change for the homeserver; `--deactivate` also queues the
 * deactivation, which ends every session and removes their email addresses.
 */
export function registerLockUserCommand(manage: Command): void {
  manage
    .command('lock-user')
    .description('Lock a user, and optionally deactivate them')
    .argument('<username>', 'localpart, or full @localpart:server user ID of this homeserver')
    .option('--deactivate', 'also deactivate the user (here and on the homeserver)', false)
    .action(async (username: string, opts: LockUserOptions, cmd: Command) => {
      await withManageApp(cmd, async (app) => {
        const user = await findUserForCli(app, username);
        const locking = app.get(UserLocking);
        if (opts.deactivate) {
          await locking.deactivate(user.id, { erase: false });
          process.stdout.write(`locked ${user.username}; deactivation queued\n`);
        } else {
          await locking.lock(user.id);
          process.stdout.write(`locked ${user.username}\n`);
        }
      });
    });
}
