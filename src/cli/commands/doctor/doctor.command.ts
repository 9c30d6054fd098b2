import type { Command } from 'commander';
import { CliError } from '../../cli-error';
import { globalConfigPaths } from '../../global-options';
import { loadConfigForCli } from '../../load-config';
import type { CheckResult } from './check-result';
import { compatRoutedToUs } from './compat-routing.check';
import { doctorContext, type DoctorContext } from './doctor-context';
import {
  authMetadataNamesUs,
  bogusTokenRefused,
  homeserverReachable,
  sharedSecretAccepted,
} from './homeserver-checks';
import { discoveryServed, issuerIsHttps } from './service-checks';
import { clientWellKnown } from './well-known.check';

interface DoctorOptions {
  wellKnownUrl?: string;
}

/** In order: the well-known check finds the client URL the later checks use. */
const CHECKS: ((ctx: DoctorContext) => Promise<CheckResult>)[] = [
  issuerIsHttps,
  discoveryServed,
  clientWellKnown,
  homeserverReachable,
  authMetadataNamesUs,
  bogusTokenRefused,
  sharedSecretAccepted,
  compatRoutedToUs,
];

const MARK: Record<CheckResult['status'], string> = { ok: '✔', warning: '⚠', error: '✖' };

/**
 * `doctor` (MAS crates/cli/src/commands/doctor.rs): checks a running deployment from outside,
 * with the server's configuration: mas-ts's discovery, the client well-known, the homeserver,
 * delegation, the shared secret and the compatibility routes. Exits 1 when a check fails. It
 * never prints the shared secret.
 */
export function registerDoctorCommand(program: Command): void {
  program
    .command('doctor')
    .description('Check a running deployment (mas-ts, the homeserver and the reverse proxy)')
    .option(
      '--well-known-url <url>',
      'the client well-known to read (default: https://<matrix.homeserver>/.well-known/matrix/client)',
    )
    .action(async (opts: DoctorOptions, cmd: Command) => {
      const config = await loadConfigForCli(globalConfigPaths(cmd));
      if (opts.wellKnownUrl !== undefined && !URL.canParse(opts.wellKnownUrl)) {
        throw new CliError(`--well-known-url: "${opts.wellKnownUrl}" is not a URL`);
      }
      const ctx = doctorContext(config, opts.wellKnownUrl);
      const counts = { ok: 0, warning: 0, error: 0 };
      for (const check of CHECKS) {
        const result = await check(ctx);
        counts[result.status]++;
        process.stdout.write(`${MARK[result.status]} ${result.message}\n`);
        if (result.hint) process.stdout.write(`    ${result.hint}\n`);
      }
      process.stdout.write(
        `${CHECKS.length} checks: ${counts.ok} ok, ${counts.warning} warning(s), ${counts.error} error(s)\n`,
      );
      if (counts.error > 0) throw new CliError(`${counts.error} check(s) failed`);
    });
}
