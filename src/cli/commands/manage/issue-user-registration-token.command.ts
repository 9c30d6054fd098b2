import type { Command } from 'commander';
import { Clock } from '../../../core';
import { RegistrationTokens } from '../../../users/registration-tokens.service';
import { CliError } from '../../cli-error';
import { withManageApp } from './manage-app';
import { positiveInteger } from './positive-integer';

interface IssueUserRegistrationTokenOptions {
  token?: string;
  usageLimit?: number;
  unlimited: boolean;
  expiresIn?: number;
}

/**
 * `manage issue-user-registration-token` (MAS `IssueUserRegistrationToken`): a token for
 * `account.password_registration_token_required`. Single use unless `--usage-limit` or
 * `--unlimited`; never expires unless `--expires-in`. The token goes to standard output, once.
 */
export function registerIssueUserRegistrationTokenCommand(manage: Command): void {
  manage
    .command('issue-user-registration-token')
    .description('Create a user registration token')
    .option('--token <token>', 'the token to use (default: 12 random alphanumerics)')
    .option('--usage-limit <n>', 'how many registrations it allows (default 1)', positiveInteger)
    .option('--unlimited', 'allow any number of registrations', false)
    .option('--expires-in <seconds>', 'seconds until it expires (default: never)', positiveInteger)
    .action(async (opts: IssueUserRegistrationTokenOptions, cmd: Command) => {
      if (opts.unlimited && opts.usageLimit !== undefined) {
        throw new CliError('--usage-limit and --unlimited cannot be used together');
      }
      await withManageApp(cmd, async (app) => {
        const now = app.get(Clock).now();
        const issued = await app.get(RegistrationTokens).issue({
          ...(opts.token === undefined ? {} : { token: opts.token }),
          usageLimit: opts.unlimited ? null : (opts.usageLimit ?? 1),
          expiresAt:
            opts.expiresIn === undefined ? null : new Date(now.getTime() + opts.expiresIn * 1000),
        });
        const uses = issued.usageLimit === null ? 'unlimited uses' : `${issued.usageLimit} use(s)`;
        const expiry = issued.expiresAt ? `expires ${issued.expiresAt.toISOString()}` : 'no expiry';
        process.stderr.write(`registration token ${issued.id} created (${uses}, ${expiry})\n`);
        process.stdout.write(`${issued.token}\n`);
      });
    });
}
