import { CliError } from './cli-error';
import { buildProgram } from './program';

/** Runs the CLI; expected failures print one clear message and exit non-zero, never a trace. */
export async function runCli(argv: string[]): Promise<void> {
  try {
    await buildProgram().parseAsync(argv);
  } catch (error) {
    if (error instanceof CliError) {
      process.stderr.write(`error: ${error.message}\n`);
      process.exitCode = error.exitCode;
      return;
    }
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`error: unexpected failure: ${message}\n`);
    process.exitCode = 1;
  }
}
