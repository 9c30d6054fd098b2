import type { Command } from 'commander';
import { createInterface } from 'node:readline/promises';
import { CliError } from '../../cli-error';
import { collect } from '../../global-options';
import { withUserAccounts } from './user-accounts-for-cli';

interface RegisterUserOptions {
  password?: string;
  email: string[];
  admin: boolean;
  displayName?: string;
  yes: boolean;
}

/** Asks on the terminal; non-interactive callers must pass `-y`, as with MAS. */
async function confirm(question: string): Promise<boolean> {
  if (!process.stdin.isTTY || !process.stdout.isTTY) {
    throw new CliError(
      'refusing to register a user without confirmation: standard input is not a terminal; ' +
        'pass -y/--yes to register non-interactively',
    );
  }
  const rl = createInterface({ input: process.stdin, output: process.stdout });
  try {
    return /^y(es)?$/i.test((await rl.question(`${question} [y/N] `)).trim());
  } finally {
    rl.close();
  }
}

function describe(username: string, opts: RegisterUserOptions): string {
  const parts = [
    opts.password === undefined ? 'no password' : 'a password',
    `${opts.email.length} email address${opts.email.length === 1 ? '' : 'es'}`,
    opts.admin ? 'admin' : 'not admin',
  ];
  return `${username} (${parts.join(', ')})`;
}

/** `manage register-user` (MAS crates/cli/src/commands/manage.rs `RegisterUser`). */
export function registerRegisterUserCommand(manage: Command): void {
  manage
    .command('register-user')
    .description('Register a user (bypasses policies; asks for confirmation unless -y)')
    .argument('<username>', 'localpart, or full @localpart:server user ID of this homeserver')
    .option('-p, --password <password>', 'password to set')
    .option('-e, --email <email>', 'verified email address to add; repeatable', collect, [])
    .option('-a, --admin', 'allow the user to request admin privileges (can_request_admin)', false)
    .option('-d, --display-name <name>', 'display name (accepted, not stored yet; see below)')
    .option('-y, --yes', "don't ask for confirmation", false)
    .action(async (username: string, opts: RegisterUserOptions, cmd: Command) => {
      await withUserAccounts(cmd, async (accounts) => {
        if (!opts.yes && !(await confirm(`Register user ${describe(username, opts)}?`))) {
          process.stdout.write('aborted: no user was registered\n');
          return;
        }
        const user = await accounts.register({
          username,
          password: opts.password,
          emails: opts.email,
          admin: opts.admin,
        });
        process.stdout.write(
          `registered user ${describe(user.username, opts)} with id ${user.id}\n`,
        );
        if (opts.displayName !== undefined) {
          process.stdout.write(
            `note: display name "${opts.displayName}" was not stored: display names live on the ` +
              'homeserver, and mas-ts does not provision users on the homeserver yet\n',
          );
        }
      });
    });
}
