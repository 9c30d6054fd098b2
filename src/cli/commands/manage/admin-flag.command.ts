import type { Command } from 'commander';
import { UserAdministration } from '../../../users/user-administration.service';
import { findUserForCli } from './find-user';
import { withManageApp } from './manage-app';

function registerOne(manage: Command, name: string, canRequestAdmin: boolean): void {
  manage
    .command(name)
    .description(
      canRequestAdmin
        ? 'Allow a user to request admin privileges (can_request_admin)'
        : 'Stop a user from requesting admin privileges (can_request_admin)',
    )
    .argument('<username>', 'localpart, or full @localpart:server user ID of this homeserver')
    .action(async (username: string, _opts: unknown, cmd: Command) => {
      await withManageApp(cmd, async (app) => {
        const user = await findUserForCli(app, username);
        await app.get(UserAdministration).setCanRequestAdmin(user.id, canRequestAdmin);
        process.stdout.write(
          canRequestAdmin
            ? `${user.username} can now request admin privileges\n`
            : `${user.username} can no longer request admin privileges\n`,
        );
      });
    });
}

/**
 * `manage promote-admin` and `manage demote-admin` (MAS `PromoteAdmin`, `DemoteAdmin`): the
 * `can_request_admin` flag, which lets a user be granted `urn:synapse:admin:*` and
 * `urn:mas:admin`. Sessions already granted those scopes keep them until they end.
 */
export function registerAdminFlagCommands(manage: Command): void {
  registerOne(manage, 'promote-admin', true);
  registerOne(manage, 'demote-admin', false);
}
