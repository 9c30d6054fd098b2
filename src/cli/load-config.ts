import { ConfigError, loadConfigFiles, resolveConfigPaths, type MasConfig } from '../config';
import { CliError } from './cli-error';

/**
 * Loads the config files named by `-c` (or `MAS_CONFIG`, or `config.yaml`), printing warnings
 * to stderr. Every problem is reported by path in one CliError.
 */
export async function loadConfigForCli(cliPaths: string[]): Promise<MasConfig> {
  const paths = resolveConfigPaths(cliPaths);
  try {
    const { config, warnings } = await loadConfigFiles(paths);
    for (const w of warnings) process.stderr.write(`warning: ${w.path}: ${w.message}\n`);
    return config;
  } catch (error) {
    if (error instanceof ConfigError) {
      throw new CliError(`invalid configuration (${paths.join(', ')}):\n${error.format()}`);
    }
    throw error;
  }
}
