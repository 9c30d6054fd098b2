import { DataSource, type DataSourceOptions } from 'typeorm';
import type { PGlite } from '@electric-sql/pglite';
import { ALL_ENTITIES } from '../storage/entities';
import { ALL_MIGRATIONS } from '../../migrations';
import type { DatabaseAccess } from './database-access';
import type { DatabaseTarget } from './database-target';
import { openPglite } from './pglite/open-pglite';
import { PglitePool, pgliteDriverModule } from './pglite/pglite-pool';

/** A DataSource together with the embedded engine behind it, if any (closed after it). */
export interface OwnedDataSource {
  dataSource: DataSource;
  /** How other clients (the job queue) reach the same database. */
  access: DatabaseAccess;
  close(): Promise<void>;
}

const COMMON: Pick<
  DataSourceOptions,
  'entities' | 'migrations' | 'synchronize' | 'migrationsRun' | 'migrationsTableName'
> = {
  entities: ALL_ENTITIES,
  migrations: ALL_MIGRATIONS,
  // Schema changes only ever happen through migrations (ARCHITECTURE §7).
  synchronize: false,
  migrationsRun: false,
  migrationsTableName: 'typeorm_migrations',
};

/** Builds an uninitialised DataSource for `target`; the caller initialises it. */
export async function createDataSource(target: DatabaseTarget): Promise<OwnedDataSource> {
  if (target.kind === 'embedded') {
    const db: PGlite = await openPglite(target.dataDir);
    const pool = new PglitePool(db);
    const dataSource = new DataSource({
      ...COMMON,
      type: 'postgres',
      driver: pgliteDriverModule(db, pool),
    });
    return {
      dataSource,
      access: { kind: 'embedded', pool },
      close: async () => {
        if (dataSource.isInitialized) await dataSource.destroy();
        await db.close();
      },
    };
  }
  const { pool } = target;
  const dataSource = new DataSource({
    ...COMMON,
    type: 'postgres',
    url: pool.connectionString,
    host: pool.host,
    port: pool.port,
    username: pool.user,
    password: typeof pool.password === 'string' ? pool.password : undefined,
    database: pool.database,
    ssl: pool.ssl as boolean | undefined,
    poolSize: pool.max,
    connectTimeoutMS: pool.connectionTimeoutMillis,
    extra: {
      idleTimeoutMillis: pool.idleTimeoutMillis,
      min: pool.min,
      maxLifetimeSeconds: pool.maxLifetimeSeconds,
    },
  });
  return {
    dataSource,
    access: { kind: 'server', pool },
    close: async () => {
      if (dataSource.isInitialized) await dataSource.destroy();
    },
  };
}
