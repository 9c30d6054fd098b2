import type { Command } from 'commander';
import { registerAddEmailCommand } from './add-email.command';
import { registerAdminFlagCommands } from './admin-flag.command';
import { registerIssueCompatibilityTokenCommand } from './issue-compatibility-token.command';
import { registerIssueUserRegistrationTokenCommand } from './issue-user-registration-token.command';
import { registerKillSessionsCommand } from './kill-sessions.command';
import { registerListAdminUsersCommand } from './list-admin-users.command';
import { registerLockUserCommand } from './lock-user.command';
import { registerProvisionAllUsersCommand } from './provision-all-users.command';
import { registerRegisterUserCommand } from './register-user.command';
import { registerSetPasswordCommand } from './set-password.command';
import { registerUnlockUserCommand } from './unlock-user.command';
import { registerVerifyEmailCommand } from './verify-email.command';

/** `manage …`: administrative actions on users (MAS docs/reference/cli/manage.md). */
export function registerManageCommands(program: Command): void {
  const manage = program.command('manage').description('Manage users');
  registerAddEmailCommand(manage);
  registerVerifyEmailCommand(manage);
  registerSetPasswordCommand(manage);
  registerAdminFlagCommands(manage);
  registerListAdminUsersCommand(manage);
  registerIssueCompatibilityTokenCommand(manage);
  registerIssueUserRegistrationTokenCommand(manage);
  registerProvisionAllUsersCommand(manage);
  registerKillSessionsCommand(manage);
  registerLockUserCommand(manage);
  registerUnlockUserCommand(manage);
  registerRegisterUserCommand(manage);
}
