import type { Command } from 'commander';
import { UserAdministration } from '../../../users/user-administration.service';
import { findUserForCli } from './find-user';
import { withManageApp } from './manage-app';

/**
 * `manage add-email` (MAS crates/cli/src/commands/manage.rs `AddEmail`): adds a verified
 * address to a user, or says the user already has it.
 */
export function registerAddEmailCommand(manage: Command): void {
  manage
    .command('add-email')
    .description('Add a verified email address to a user')
    .argument('<username>', 'localpart, or full @localpart:server user ID of this homeserver')
    .argument('<email>', 'the address')
    .action(async (username: string, email: string, _opts: unknown, cmd: Command) => {
      await withManageApp(cmd, async (app) => {
        const user = await findUserForCli(app, username);
        const result = await app.get(UserAdministration).addEmail(user.id, email);
        process.stdout.write(
          result.added
            ? `added ${email} to ${user.username}\n`
            : `${user.username} already has ${email}\n`,
        );
        if (result.alsoOwnedBy.length > 0) {
          process.stderr.write(
            `warning: ${email} also belongs to ${result.alsoOwnedBy.join(', ')}; ` +
              'signing in with this address works only for an address owned by one user\n',
          );
        }
      });
    });
}
