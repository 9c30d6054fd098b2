import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestDatabase, type TestDatabase } from '../setup/test-database';

describe('schema drift', () => {
  let db: TestDatabase;

  before(async () => {
    db = await createTestDatabase();
  });

  after(async () => {
    await db?.drop();
  });

  it('should have no difference between the entities and the migrated schema', async () => {
    const sql = await db.dataSource.driver.createSchemaBuilder().log();
    const pending = sql.upQueries.map((q) => q.query);
    assert.deepEqual(pending, [], `entities and migrations disagree:\n${pending.join(';\n')}`);
  });

  // TypeORM cannot see expression indexes and skips `synchronize: false` ones, so compare the
  // index names both ways here.
  it('should declare on the entities exactly the indexes the migrations create', async () => {
    const rows: { indexname: string }[] = await db.dataSource.query(
      `SELECT i.indexname FROM pg_indexes i
        WHERE i.schemaname = current_schema() AND i.tablename <> 'typeorm_migrations'
          AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)`,
    );
    const inDatabase = rows.map((r) => r.indexname).sort();
    const declared = db.dataSource.entityMetadatas
      .flatMap((m) => m.indices.map((i) => i.name))
      .sort();
    assert.deepEqual(declared, inDatabase);
  });

  it('should have a table for every entity', async () => {
    const rows: { table_name: string }[] = await db.dataSource.query(
      `SELECT table_name FROM information_schema.tables
        WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'`,
    );
    const tables = new Set(rows.map((r) => r.table_name));
    for (const metadata of db.dataSource.entityMetadatas) {
      assert.ok(tables.has(metadata.tableName), `missing table ${metadata.tableName}`);
    }
  });
});
