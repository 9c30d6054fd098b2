import type { PoolConfig } from 'pg';
import type { PglitePool } from './pglite/pglite-pool';

/**
 * How a second client (the job queue) reaches the same database as the DataSource: through the
 * embedded PGlite's pool, so its statements take turns on the single session with the ORM's, or
 * with its own node-postgres pool built from the same connection settings.
 */
export type DatabaseAccess =
  { kind: 'embedded'; pool: PglitePool } | { kind: 'server'; pool: PoolConfig };
