import type { DataSource } from 'typeorm';

/** Applies pending migrations in one transaction each; returns the names applied. */
export async function runMigrations(dataSource: DataSource): Promise<string[]> {
  const applied = await dataSource.runMigrations({ transaction: 'each' });
  return applied.map((m) => m.name);
}
