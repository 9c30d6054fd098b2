import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';

const INT8_OID = 20;
const BYTEA_OID = 17;

/**
 * Opens an embedded PostgreSQL (PGlite). With a `dataDir` the database persists there;
 * without one it lives in memory (tests). Values are parsed as node-postgres parses them
 * (int8 as string, bytea as Buffer) so both back ends look identical to the storage layer.
 */
export async function openPglite(dataDir?: string): Promise<PGlite> {
  if (dataDir) {
    mkdirSync(dataDir, { recursive: true });
  }
  return PGlite.create({
    dataDir,
    extensions: { pg_trgm },
    parsers: {
      [INT8_OID]: (value: string) => value,
      [BYTEA_OID]: (value: string) => Buffer.from(value.slice(2), 'hex'),
    },
  });
}
