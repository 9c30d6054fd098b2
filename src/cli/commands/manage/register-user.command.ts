import type { INestApplicationContext } from '@nestjs/common';
import type { Command } from 'commander';
import { createInterface, type Interface } from 'node:readline/promises';
import { MatrixConfig } from '../../../config';
import { HomeserverConnection } from '../../../homeserver/homeserver-connection';
import { HomeserverError } from '../../../homeserver/homeserver-errors';
import { JobQueue } from '../../../jobs/job-queue';
import { PasswordComplexity } from '../../../passwords/password-complexity';
import { UserAccounts } from '../../../users/user-accounts.service';
import { localpartOf, usernameProblem } from '../../../users/username';
import { CliError } from '../../cli-error';
import { collect } from '../../global-options';
import { withManageApp } from './manage-app';

interface RegisterUserOptions {
  password?: string;
  email: string[];
  admin?: boolean;
  displayName?: string;
  yes: boolean;
  ignorePasswordComplexity?: boolean;
  skipHomeserverCheck?: boolean;
}

/** MAS: interactive unless `-y`; a script without a terminal must pass `-y`. */
function isInteractive(): boolean {
  return process.stdin.isTTY && process.stdout.isTTY;
}

function describe(username: string, opts: RegisterUserOptions): string {
  const parts = [
    opts.password === undefined ? 'no password' : 'a password',
    `${opts.email.length} email address${opts.email.length === 1 ? '' : 'es'}`,
    opts.admin === true ? 'admin' : 'not admin',
    ...(opts.displayName === undefined ? [] : [`display name "${opts.displayName}"`]),
  ];
  return `${username} (${parts.join(', ')})`;
}

/**
 * Why `localpart` cannot be registered, checked here and then on the homeserver (MAS
 * `check_and_normalize_username`), or null when it can.
 */
async function unavailableReason(
  app: INestApplicationContext,
  username: string,
  askHomeserver: boolean,
): Promise<string | null> {
  const localpart = localpartOf(username, app.get(MatrixConfig).homeserver);
  if (localpart === null) {
    return `"${username}" is not a user ID of this homeserver (${app.get(MatrixConfig).homeserver})`;
  }
  const problem = usernameProblem(localpart, app.get(MatrixConfig).homeserver);
  if (problem) return `invalid username "${localpart}": ${problem}`;
  if (await app.get(UserAccounts).findByUsername(localpart)) {
    return `the username "${localpart}" is already taken`;
  }
  if (!askHomeserver) return null;
  const availability = await app
    .get(HomeserverConnection)
    .isLocalpartAvailable(localpart)
    .catch((error: unknown) => {
      if (error instanceof HomeserverError) {
        throw new CliError(
          `could not ask the homeserver about "${localpart}": ${error.message}; start the ` +
            'homeserver, or pass --skip-homeserver-check',
        );
      }
      throw error;
    });
  if (!availability.available) {
    return `the username "${localpart}" is not available on the homeserver (${availability.reason})`;
  }
  return null;
}

/** Asks for a username until one can be registered. */
async function promptUsername(
  app: INestApplicationContext,
  rl: Interface,
  askHomeserver: boolean,
): Promise<string> {
  for (let attempt = 0; attempt < 10; attempt++) {
    const answer = (await rl.question('Username: ')).trim();
    const reason =
      answer === ''
        ? 'a username is required'
        : await unavailableReason(app, answer, askHomeserver);
    if (reason === null) return answer;
    process.stdout.write(`${reason}\n`);
  }
  throw new CliError('no valid username given after 10 attempts');
}

/**
 * `manage register-user` (MAS crates/cli/src/commands/manage.rs `RegisterUser`): creates a
 * local user, bypassing policies, after checking the username here and on the homeserver, then
 * queues its provisioning on the homeserver (with the display name). Interactive unless `-y`.
 */
export function registerRegisterUserCommand(manage: Command): void {
  manage
    .command('register-user')
    .description('Register a user (bypasses policies; asks for confirmation unless -y)')
    .argument('[username]', 'localpart, or full @localpart:server user ID (asked for when omitted)')
    .option('-p, --password <password>', 'password to set')
    .option('-e, --email <email>', 'verified email address to add; repeatable', collect, [])
    .option('-a, --admin', 'allow the user to request admin privileges (can_request_admin)')
    .option('-A, --no-admin', 'do not allow it (the default)')
    .option('-d, --display-name <name>', 'display name, set on the homeserver')
    .option('-y, --yes', "don't ask questions", false)
    .option(
      '--skip-homeserver-check',
      'register without asking the homeserver whether the username is free there (when it is not running)',
    )
    .option(
      '--ignore-password-complexity',
      'set the password even below passwords.minimum_complexity',
    )
    .action(async (username: string | undefined, opts: RegisterUserOptions, cmd: Command) => {
      if (username === undefined && opts.yes) {
        throw new CliError('a username is required with -y/--yes');
      }
      if (!opts.yes && !isInteractive()) {
        throw new CliError(
          'refusing to register a user without confirmation: standard input is not a terminal; ' +
            'pass -y/--yes to register non-interactively',
        );
      }
      await withManageApp(cmd, async (app) => {
        if (opts.password !== undefined && opts.ignorePasswordComplexity !== true) {
          app.get(PasswordComplexity).check(opts.password);
        }
        const rl = opts.yes
          ? null
          : createInterface({ input: process.stdin, output: process.stdout });
        try {
          let name: string;
          if (username === undefined) {
            name = await promptUsername(app, rl as Interface, opts.skipHomeserverCheck !== true);
          } else {
            const reason = await unavailableReason(
              app,
              username,
              opts.skipHomeserverCheck !== true,
            );
            if (reason !== null) throw new CliError(reason);
            name = username;
          }
          if (rl) {
            const answer = await rl.question(`Register user ${describe(name, opts)}? [y/N] `);
            if (!/^y(es)?$/i.test(answer.trim())) {
              process.stdout.write('aborted: no user was registered\n');
              return;
            }
          }
          const user = await app.get(UserAccounts).register({
            username: name,
            password: opts.password,
            emails: opts.email,
            admin: opts.admin === true,
          });
          await app.get(JobQueue).enqueue('provision-user', {
            userId: user.id,
            ...(opts.displayName === undefined ? {} : { displayName: opts.displayName }),
          });
          process.stdout.write(
            `registered user ${describe(user.username, opts)} with id ${user.id}; ` +
              'its provisioning on the homeserver is queued\n',
          );
        } finally {
          rl?.close();
        }
      });
    });
}
