import type { Command } from 'commander';

/** The repeatable global `-c/--config FILE` as seen from any subcommand. */
export function globalConfigPaths(cmd: Command): string[] {
  const opts = cmd.optsWithGlobals<{ config?: string[] }>();
  return opts.config ?? [];
}

export function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}
