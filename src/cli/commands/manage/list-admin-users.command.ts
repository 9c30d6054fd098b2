import type { Command } from 'commander';
import { UserAdministration } from '../../../users/user-administration.service';
import { withManageApp } from './manage-app';

/**
 * `manage list-admin-users` (MAS `ListAdminUsers`): every user with `can_request_admin`, one
 * `<username>\t<id>` line each on standard output, after a count on standard error.
 */
export function registerListAdminUsersCommand(manage: Command): void {
  manage
    .command('list-admin-users')
    .description('List the users who can request admin privileges')
    .action(async (_opts: unknown, cmd: Command) => {
      await withManageApp(cmd, async (app) => {
        const admin = app.get(UserAdministration);
        const total = await admin.count({ adminsOnly: true });
        process.stderr.write(`${total} user(s) can request admin privileges\n`);
        for await (const user of admin.admins()) {
          process.stdout.write(`${user.username}\t${user.id}\n`);
        }
      });
    });
}
