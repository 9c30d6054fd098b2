import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createEmptyTestDatabase } from './test-database';

/**
 * A `database:` YAML section for a process started by a test: a fresh database on the
 * DATABASE_URL server, or a fresh PGlite data directory. `drop()` removes the server database.
 */
export async function databaseSectionForProcess(): Promise<{
  yaml: string;
  /** The PostgreSQL URI of the fresh database; undefined for PGlite. */
  uri?: string;
  drop(): Promise<void>;
}> {
  const empty = await createEmptyTestDatabase();
  if (empty.target.kind === 'server') {
    const uri = empty.target.pool.connectionString!;
    return {
      yaml: `database:\n  uri: "${uri}"\n`,
      uri,
      drop: () => empty.drop(),
    };
  }
  const dir = mkdtempSync(join(tmpdir(), 'mas-ts-pglite-'));
  return { yaml: `database:\n  data_dir: "${dir}"\n`, drop: async () => {} };
}
