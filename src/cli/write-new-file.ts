import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { CliError } from './cli-error';

/** Writes a file readable by its owner only, refusing to overwrite one that exists. */
export function writeNewPrivateFile(path: string, content: string): void {
  if (existsSync(path)) {
    throw new CliError(`${path} already exists; refusing to overwrite it`);
  }
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, content, { mode: 0o600, flag: 'wx' });
}
