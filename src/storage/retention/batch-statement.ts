import type { DataSource } from 'typeorm';

/**
 * Runs a bounded batch statement and returns how many rows it changed. `sql` is a WITH-query
 * whose last CTE is named `changed` and returns one row per changed row; `$1` is the cutoff
 * and `$2` the batch size. The batch's rows are claimed with `FOR UPDATE SKIP LOCKED`, so two
 * workers never wait on each other.
 */
export async function runBatch(
  dataSource: DataSource,
  sql: string,
  cutoff: Date,
  limit: number,
): Promise<number> {
  const rows: { n: number }[] = await dataSource.query(
    `${sql} SELECT count(*)::int AS n FROM changed`,
    [cutoff, limit],
  );
  return rows[0]?.n ?? 0;
}
