import type { Command } from 'commander';
import { HomeserverError } from '../../../homeserver/homeserver-errors';
import { CompatSessionStarter } from '../../../sessions';
import { CliError } from '../../cli-error';
import { findUserForCli } from './find-user';
import { withManageApp } from './manage-app';

interface IssueCompatibilityTokenOptions {
  yesIWantToGrantSynapseAdminPrivileges: boolean;
}

/**
 * `manage issue-compatibility-token` (MAS crates/cli/src/commands/manage.rs
 * `IssueCompatibilityToken`): a compat session and a non-expiring `mct_` token for a user, the
 * user and device provisioned on the homeserver first, as a legacy login would. Prints the token.
 */
export function registerIssueCompatibilityTokenCommand(manage: Command): void {
  manage
    .command('issue-compatibility-token')
    .description('Issue a compatibility (legacy login) access token for a user')
    .argument('<username>', 'localpart, or full @localpart:server user ID of this homeserver')
    .argument('[device_id]', 'the Matrix device id (a new one is drawn when omitted)')
    .option(
      '--yes-i-want-to-grant-synapse-admin-privileges',
      'make the session a Synapse admin (urn:synapse:admin:*)',
      false,
    )
    .action(
      async (
        username: string,
        deviceId: string | undefined,
        opts: IssueCompatibilityTokenOptions,
        cmd: Command,
      ) => {
        await withManageApp(cmd, async (app) => {
          const user = await findUserForCli(app, username);
          if (user.deactivatedAt !== null) throw new CliError(`user ${username} is deactivated`);
          const started = await app
            .get(CompatSessionStarter)
            .start({
              user,
              ...(deviceId === undefined ? {} : { deviceId }),
              deviceName: null,
              withRefreshToken: false,
              isSynapseAdmin: opts.yesIWantToGrantSynapseAdminPrivileges,
              userSessionId: null,
              userAgent: null,
              ip: null,
            })
            .catch((error: unknown) => {
              if (error instanceof HomeserverError) {
                throw new CliError(`the homeserver could not be prepared: ${error.message}`);
              }
              throw error;
            });
          process.stderr.write(
            `compatibility token issued for ${user.username}, device ${started.deviceId}` +
              `${opts.yesIWantToGrantSynapseAdminPrivileges ? ', with Synapse admin privileges' : ''}\n`,
          );
          process.stdout.write(`${started.accessToken}\n`);
        });
      },
    );
}
