import type { PoolConfig } from 'pg';

/**
 * Where the service keeps its data: an embedded PGlite (in a data directory, or in memory when
 * `dataDir` is absent) or a PostgreSQL server reached through node-postgres.
 */
export type DatabaseTarget =
  | { kind: 'embedded'; dataDir?: string }
  | { kind: 'server'; pool: PoolConfig; description: string };
