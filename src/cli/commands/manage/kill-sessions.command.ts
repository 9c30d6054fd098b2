import type { Command } from 'commander';
import { UserSessionsTerminator, type UserSessionCounts } from '../../../sessions';
import { findUserForCli } from './find-user';
import { withManageApp } from './manage-app';

interface KillSessionsOptions {
  dryRun: boolean;
}

function summary(counts: UserSessionCounts): string {
  return (
    `${counts.oauth2} OAuth 2.0 session(s), ${counts.compat} compatibility session(s), ` +
    `${counts.browser} browser session(s)`
  );
}

/**
 * `manage kill-sessions` (MAS crates/cli/src/commands/manage.rs `KillSessions`): ends every
 * OAuth 2.0, compatibility and browser session of a user; the homeserver loses their devices
 * through the `sync-devices` job. `--dry-run` only counts.
 */
export function registerKillSessionsCommand(manage: Command): void {
  manage
    .command('kill-sessions')
    .description("End all of a user's sessions (OAuth 2.0, compatibility and browser)")
    .argument('<username>', 'localpart, or full @localpart:server user ID of this homeserver')
    .option('--dry-run', 'only say what would be ended', false)
    .action(async (username: string, opts: KillSessionsOptions, cmd: Command) => {
      await withManageApp(cmd, async (app) => {
        const user = await findUserForCli(app, username);
        const terminator = app.get(UserSessionsTerminator);
        if (opts.dryRun) {
          const counts = await terminator.countActive(user.id);
          process.stdout.write(`would end ${summary(counts)} of ${user.username}\n`);
          return;
        }
        const counts = await terminator.endAll(user.id, { browser: true });
        process.stdout.write(`ended ${summary(counts)} of ${user.username}\n`);
      });
    });
}
