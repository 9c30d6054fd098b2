import type { Command } from 'commander';
import { formatProblems } from '../../config';
import { createRootLogger } from '../../logging/root-logger';
import { effectivePolicyData, staticPolicyDocument } from '../../policy';
import { PolicyDataRepository } from '../../storage/policy/policy-data.repository';
import { CliError } from '../cli-error';
import { globalConfigPaths } from '../global-options';
import { loadConfigForCli } from '../load-config';
import { openDatabase } from '../open-database';

/**
 * `mas-ts policy check`: prints the policy data the server would use (static `policy.data`
 * with `server_name` and `session_limit`, merged with the newest `policy_data` row) as JSON;
 * fails, naming every problem, when that data is invalid.
 */
export function registerPolicyCommands(program: Command): void {
  const policy = program.command('policy').description('Inspect the policy engine');
  policy
    .command('check')
    .description('Print the effective policy data as JSON, or fail when it is invalid')
    .action(async (_opts: unknown, cmd: Command) => {
      const config = await loadConfigForCli(globalConfigPaths(cmd));
      const staticDocument = staticPolicyDocument(config);
      const db = await openDatabase(config.database, createRootLogger('warn'));
      try {
        if (await db.dataSource.showMigrations()) {
          throw new CliError(
            'the database schema is not up to date; run `mas-ts database migrate` first',
          );
        }
        const row = await new PolicyDataRepository(db.dataSource).findNewest();
        const check = effectivePolicyData(staticDocument, row?.data);
        if (!check.ok) {
          const what = row
            ? `the dynamic policy data ${row.id} is invalid (the server ignores it and keeps the last good data)`
            : 'the policy data is invalid';
          throw new CliError(`${what}:\n${formatProblems(check.problems)}`);
        }
        process.stdout.write(`${JSON.stringify(check.data, null, 2)}\n`);
      } finally {
        await db.close();
      }
    });
}
