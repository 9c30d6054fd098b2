import { plainToInstance } from 'class-transformer';
import { ConfigError, type ConfigProblem } from './config-error';
import { MasConfig } from './mas-config';
import { deepMerge } from './merge';
import { preloadFiles } from './validation/preload-files';
import { collectUnknownKeys } from './validation/unknown-keys';
import { validateSections } from './validation/validate';
import { readYamlFile } from './yaml-source';

export interface LoadedConfig {
  config: MasConfig;
  /** Non-fatal findings, such as unknown keys. */
  warnings: ConfigProblem[];
}

/**
 * Loads, deep-merges (in order) and validates configuration files. Throws a `ConfigError`
 * listing every problem found, never just the first.
 */
export async function loadConfigFiles(paths: readonly string[]): Promise<LoadedConfig> {
  const sources = await Promise.all(paths.map((p) => readYamlFile(p)));
  const problems = sources.flatMap((s) => (s.ok ? [] : s.problems));
  if (problems.length > 0) throw new ConfigError(problems);
  return buildConfig(deepMerge(sources.map((s) => (s.ok ? s.value : {}))));
}

/** Validates an already merged plain configuration (YAML key names); throws `ConfigError`. */
export function buildConfig(plain: Record<string, unknown>): LoadedConfig {
  let config: MasConfig;
  try {
    config = plainToInstance(MasConfig, plain, { exposeDefaultValues: true });
  } catch {
    throw new ConfigError([{ path: '', message: 'the configuration has an unexpected shape' }]);
  }
  const warnings = collectUnknownKeys(plain, config);
  const problems = validateSections(config);
  problems.push(...preloadFiles(config));
  const unique = dedupe(problems);
  if (unique.length > 0) throw new ConfigError(unique, warnings);
  return { config, warnings };
}

function dedupe(problems: ConfigProblem[]): ConfigProblem[] {
  const seen = new Set<string>();
  return problems.filter((p) => {
    const key = `${p.path}\u0000${p.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
