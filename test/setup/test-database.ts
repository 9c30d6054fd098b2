import { Client } from 'pg';
import type { DataSource } from 'typeorm';
import { ulid } from 'ulid';
import type { DatabaseAccess } from '../../src/database/database-access';
import { createDataSource } from '../../src/database/data-source-factory';
import { runMigrations } from '../../src/database/run-migrations';
import type { DatabaseTarget } from '../../src/database/database-target';

/** A fresh, migrated database for one test file, dropped again by `drop()`. */
export interface TestDatabase {
  dataSource: DataSource;
  /** How the job queue reaches the same database. */
  access: DatabaseAccess;
  target: DatabaseTarget;
  /** `server` when DATABASE_URL points the suite at a real PostgreSQL, else `embedded`. */
  kind: DatabaseTarget['kind'];
  drop(): Promise<void>;
}

/** The PostgreSQL server the suite runs against, or undefined for PGlite. */
export function serverUrl(): string | undefined {
  const url = process.env.DATABASE_URL;
  return url && url.length > 0 ? url : undefined;
}

/** Creates an empty database (PostgreSQL: `mas_test_<ulid>`; PGlite: in memory). */
export async function createEmptyTestDatabase(): Promise<
  Omit<TestDatabase, 'dataSource' | 'access'> & {
    open(): ReturnType<typeof createDataSource>;
  }
> {
  const url = serverUrl();
  if (!url) {
    const target: DatabaseTarget = { kind: 'embedded' };
    return { target, kind: 'embedded', open: () => createDataSource(target), drop: async () => {} };
  }
  const name = `mas_test_${ulid().toLowerCase()}`;
  const admin = new Client({ connectionString: url });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  const dbUrl = new URL(url);
  dbUrl.pathname = `/${name}`;
  const target: DatabaseTarget = {
    kind: 'server',
    pool: { connectionString: dbUrl.toString(), max: 10 },
    description: name,
  };
  return {
    target,
    kind: 'server',
    open: () => createDataSource(target),
    drop: async () => {
      const c = new Client({ connectionString: url });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await c.end();
    },
  };
}

/** A fresh database with every migration applied. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const empty = await createEmptyTestDatabase();
  const owned = await empty.open();
  await owned.dataSource.initialize();
  await runMigrations(owned.dataSource);
  return {
    dataSource: owned.dataSource,
    access: owned.access,
    target: empty.target,
    kind: empty.kind,
    drop: async () => {
      await owned.close();
      await empty.drop();
    },
  };
}
