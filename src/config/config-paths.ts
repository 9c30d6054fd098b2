/** Default configuration file, as MAS (`config.yaml` in the working directory). */
export const DEFAULT_CONFIG_PATH = 'config.yaml';

/**
 * Which configuration files to load: the CLI's repeatable `-c/--config` if any, else the
 * comma-separated `MAS_CONFIG`, else `config.yaml`. The only reader of the environment for config.
 */
export function resolveConfigPaths(
  cliPaths: readonly string[],
  env: NodeJS.ProcessEnv = process.env,
): string[] {
  const fromCli = cliPaths.filter((p) => p.trim() !== '');
  if (fromCli.length > 0) return fromCli;
  const fromEnv = (env.MAS_CONFIG ?? '')
    .split(',')
    .map((p) => p.trim())
    .filter((p) => p !== '');
  if (fromEnv.length > 0) return fromEnv;
  return [DEFAULT_CONFIG_PATH];
}
