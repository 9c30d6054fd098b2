import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { DataSource } from 'typeorm';
import type { PGlite } from '@electric-sql/pglite';
import { openPglite } from './open-pglite';
import { pgliteDriverModule } from './pglite-pool';

describe('PGlite pool under TypeORM', () => {
  let db: PGlite;
  let ds: DataSource;

  before(async () => {
    db = await openPglite();
    ds = new DataSource({ type: 'postgres', driver: pgliteDriverModule(db) });
    await ds.initialize();
    await ds.query('CREATE TABLE counters (id int PRIMARY KEY, n int8 NOT NULL, b bytea)');
    await ds.query('INSERT INTO counters VALUES (1, 0, $1)', [Buffer.from('hi')]);
  });

  after(async () => {
    await ds.destroy();
    await db.close();
  });

  it('should parse int8 as a string and bytea as a Buffer, as node-postgres does', async () => {
    const rows = await ds.query<{ n: unknown; b: unknown }[]>(
      'SELECT n, b FROM counters WHERE id = 1',
    );
    assert.equal(rows[0].n, '0');
    assert.ok(Buffer.isBuffer(rows[0].b));
    assert.equal(rows[0].b.toString(), 'hi');
  });

  it('should report affected rows of UPDATE so conditional updates can detect a lost race', async () => {
    const hit = await ds
      .createQueryBuilder()
      .update('counters')
      .set({ n: 1 })
      .where('n = 0')
      .execute();
    const miss = await ds
      .createQueryBuilder()
      .update('counters')
      .set({ n: 2 })
      .where('n = 0')
      .execute();
    assert.equal(hit.affected, 1);
    assert.equal(miss.affected, 0);
  });

  it('should not interleave two concurrent transactions on the single session', async () => {
    await ds.query('UPDATE counters SET n = 0 WHERE id = 1');
    const bump = () =>
      ds.transaction(async (em) => {
        const [row] = await em.query<{ n: string }[]>('SELECT n FROM counters WHERE id = 1');
        await new Promise((r) => setTimeout(r, 20));
        await em.query('UPDATE counters SET n = $1 WHERE id = 1', [Number(row.n) + 1]);
      });
    await Promise.all([bump(), bump(), bump()]);
    const [row] = await ds.query<{ n: string }[]>('SELECT n FROM counters WHERE id = 1');
    assert.equal(row.n, '3');
  });

  it('should roll back a failed transaction and keep serving queries', async () => {
    await assert.rejects(
      ds.transaction(async (em) => {
        await em.query('UPDATE counters SET n = 100 WHERE id = 1');
        await em.query('SELECT * FROM no_such_table');
      }),
    );
    const [row] = await ds.query<{ n: string }[]>('SELECT n FROM counters WHERE id = 1');
    assert.notEqual(row.n, '100');
  });
});
