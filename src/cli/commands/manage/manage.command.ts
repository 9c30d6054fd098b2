import type { Command } from 'commander';
import { registerIssueCompatibilityTokenCommand } from './issue-compatibility-token.command';
import { registerKillSessionsCommand } from './kill-sessions.command';
import { registerRegisterUserCommand } from './register-user.command';
import { registerSetPasswordCommand } from './set-password.command';

/** `manage …`: administrative actions on users (MAS docs/reference/cli/manage.md). */
export function registerManageCommands(program: Command): void {
  const manage = program.command('manage').description('Manage users');
  registerRegisterUserCommand(manage);
  registerSetPasswordCommand(manage);
  registerIssueCompatibilityTokenCommand(manage);
  registerKillSessionsCommand(manage);
}
