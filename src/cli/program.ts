import { Command } from 'commander';
import { registerConfigCommands } from './commands/config.command';
import { registerDatabaseCommands } from './commands/database-migrate.command';
import { registerDevCommand } from './commands/dev.command';
import { registerDoctorCommand } from './commands/doctor/doctor.command';
import { registerManageCommands } from './commands/manage/manage.command';
import { registerPolicyCommands } from './commands/policy.command';
import { registerServerCommand } from './commands/server.command';
import { registerTemplatesCommands } from './commands/templates.command';
import { registerWorkerCommand } from './commands/worker.command';
import { collect } from './global-options';

/** The `mas-ts` command line: MAS's verbs with a repeatable global `-c/--config FILE`. */
export function buildProgram(): Command {
  const program = new Command('mas-ts')
    .description('OIDC-native authentication service for Matrix homeservers')
    .option(
      '-c, --config <file>',
      'configuration file; repeat to merge several in order (default: $MAS_CONFIG or config.yaml)',
      collect,
      [],
    )
    .showHelpAfterError()
    .enablePositionalOptions(false);
  registerServerCommand(program);
  registerWorkerCommand(program);
  registerConfigCommands(program);
  registerDatabaseCommands(program);
  registerDevCommand(program);
  registerManageCommands(program);
  registerDoctorCommand(program);
  registerPolicyCommands(program);
  registerTemplatesCommands(program);
  return program;
}
