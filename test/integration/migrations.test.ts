import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { DataSource } from 'typeorm';
import { runMigrations } from '../../src/database/run-migrations';
import { ALL_MIGRATIONS } from '../../migrations';
import { ALL_ENTITIES } from '../../src/storage/entities';
import { createEmptyTestDatabase } from '../setup/test-database';

async function userTables(dataSource: DataSource): Promise<string[]> {
  const rows: { table_name: string }[] = await dataSource.query(
    `SELECT table_name FROM information_schema.tables
      WHERE table_schema = current_schema() AND table_name <> 'typeorm_migrations'
      ORDER BY table_name`,
  );
  return rows.map((r) => r.table_name);
}

async function hasTrgm(dataSource: DataSource): Promise<boolean> {
  const rows: unknown[] = await dataSource.query(
    `SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm'`,
  );
  return rows.length > 0;
}

describe('migrations', () => {
  let dataSource: DataSource;
  let close: () => Promise<void>;
  let drop: () => Promise<void>;

  before(async () => {
    const empty = await createEmptyTestDatabase();
    drop = () => empty.drop();
    const owned = await empty.open();
    close = () => owned.close();
    dataSource = owned.dataSource;
    await dataSource.initialize();
  });

  after(async () => {
    await close?.();
    await drop?.();
  });

  it('should apply every migration on an empty database', async () => {
    assert.deepEqual(await userTables(dataSource), []);
    const applied = await runMigrations(dataSource);
    assert.equal(applied.length, ALL_MIGRATIONS.length);
    assert.equal((await userTables(dataSource)).length, ALL_ENTITIES.length);
    assert.ok(await hasTrgm(dataSource));
  });

  it('should revert every migration back to an empty schema', async () => {
    for (let i = 0; i < ALL_MIGRATIONS.length; i++) {
      await dataSource.undoLastMigration({ transaction: 'each' });
    }
    assert.deepEqual(await userTables(dataSource), []);
    assert.equal(await hasTrgm(dataSource), false);
    const functions: unknown[] = await dataSource.query(
      `SELECT 1 FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
        WHERE n.nspname = current_schema()`,
    );
    assert.equal(functions.length, 0, 'a function was left behind');
  });

  it('should re-apply every migration after a full revert', async () => {
    const applied = await runMigrations(dataSource);
    assert.equal(applied.length, ALL_MIGRATIONS.length);
    assert.equal((await userTables(dataSource)).length, ALL_ENTITIES.length);
  });
});
