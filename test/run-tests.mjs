// Runs every compiled test file with node's test runner: unit specs beside the code
// (dist/src/**/*.spec.js) and the integration and e2e tiers (dist/test/**/*.test.js).
// Usage: node test/run-tests.mjs [substring-filter ...]
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = new URL('..', import.meta.url).pathname;

function walk(dir, out = []) {
  let entries;
  try {
    entries = readdirSync(dir);
  } catch {
    return out;
  }
  for (const name of entries) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) walk(path, out);
    else out.push(path);
  }
  return out;
}

const filters = process.argv.slice(2);
const files = [
  ...walk(join(root, 'dist/src')).filter((f) => f.endsWith('.spec.js')),
  ...walk(join(root, 'dist/test')).filter((f) => f.endsWith('.test.js')),
]
  .map((f) => relative(root, f))
  .filter((f) => filters.length === 0 || filters.some((s) => f.includes(s)))
  .sort();

if (files.length === 0) {
  console.error('no test files found (did the build run?)');
  process.exit(1);
}

const backend = process.env.DATABASE_URL ? 'PostgreSQL (DATABASE_URL)' : 'embedded PGlite';
console.error(`running ${files.length} test files against ${backend}`);
const result = spawnSync(
  process.execPath,
  ['--test', '--test-concurrency=2', '--test-timeout=300000', ...files],
  { cwd: root, stdio: 'inherit' },
);
process.exit(result.status ?? 1);
