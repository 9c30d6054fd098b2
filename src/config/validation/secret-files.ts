import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Contents of the `*_file` and `keys_dir` references of one section, read once by the loader so
 * that accessors are synchronous and nobody else reads those files. Paths are relative to the
 * working directory, as in MAS (docs/reference/configuration.md).
 */
const CACHE = Symbol('mas-config-file-cache');

type Cached = Buffer | DirEntry[];
export interface DirEntry {
  name: string;
  content: Buffer;
}

function cacheOf(owner: object): Map<string, Cached> {
  const holder = owner as Record<symbol, Map<string, Cached> | undefined>;
  let map = holder[CACHE];
  if (!map) {
    map = new Map();
    Object.defineProperty(owner, CACHE, { value: map, enumerable: false });
  }
  return map;
}

/** True for keys whose string value names a file to read (`*_file`, `secret_path`). */
export function isFileKey(key: string): boolean {
  return key.endsWith('_file') || key === 'secret_path';
}

export function isDirKey(key: string): boolean {
  return key === 'keys_dir';
}

/** Reads the file named by `owner[key]` into the cache; throws the fs error. */
export function preloadFile(owner: object, key: string): void {
  const path = (owner as Record<string, unknown>)[key];
  if (typeof path !== 'string') return;
  cacheOf(owner).set(key, readFileSync(path));
}

/** Reads every regular, non-hidden file of the directory `owner[key]`, sorted by name. */
export function preloadDir(owner: object, key: string): void {
  const dir = (owner as Record<string, unknown>)[key];
  if (typeof dir !== 'string') return;
  const entries = readdirSync(dir)
    .filter((name) => !name.startsWith('.'))
    .sort()
    .filter((name) => statSync(join(dir, name)).isFile())
    .map((name) => ({ name, content: readFileSync(join(dir, name)) }));
  cacheOf(owner).set(key, entries);
}

/** Raw bytes of the file named by `owner[key]` (read now if the loader did not). */
export function fileBytes(owner: object, key: string): Buffer {
  const cached = cacheOf(owner).get(key);
  if (Buffer.isBuffer(cached)) return cached;
  preloadFile(owner, key);
  return cacheOf(owner).get(key) as Buffer;
}

/** Files of the directory named by `owner[key]` (read now if the loader did not). */
export function dirEntries(owner: object, key: string): DirEntry[] {
  const cached = cacheOf(owner).get(key);
  if (Array.isArray(cached)) return cached;
  preloadDir(owner, key);
  return cacheOf(owner).get(key) as DirEntry[];
}

/**
 * Text of the file named by `owner[key]`, without one trailing line break (files written with
 * `echo` end with one; Synapse strips secret files the same way).
 */
export function fileText(owner: object, key: string): string {
  return fileBytes(owner, key)
    .toString('utf8')
    .replace(/\r?\n$/, '');
}

/** The inline value `owner[inline]`, else the text of `owner[file]`, else undefined. */
export function secretValue(owner: object, inline: string, ...files: string[]): string | undefined {
  const record = owner as Record<string, unknown>;
  const value = record[inline];
  if (typeof value === 'string') return value;
  for (const file of files) {
    if (typeof record[file] === 'string') return fileText(owner, file);
  }
  return undefined;
}
