import type { DataSource } from 'typeorm';
import { JOBS_SCHEMA } from '../../src/jobs/jobs-engine';
import type { JobName } from '../../src/jobs/job-definitions';

/** A job as pg-boss stores it (what an administrator sees in the `pgboss.job` table). */
export interface JobRow {
  id: string;
  state: 'created' | 'retry' | 'active' | 'completed' | 'cancelled' | 'failed';
  retryCount: number;
  retryLimit: number;
  singletonKey: string | null;
  data: Record<string, unknown>;
  output: Record<string, unknown> | null;
  /** Seconds from the database's now until the job may run (negative: due). */
  dueInSeconds: number;
}

/** Every job of `queue`, oldest first. */
export async function jobRows(ds: DataSource, queue: JobName): Promise<JobRow[]> {
  const rows: (Omit<JobRow, 'dueInSeconds'> & { dueInSeconds: string | number })[] = await ds.query(
    `SELECT id, state, retry_count AS "retryCount", retry_limit AS "retryLimit",
              singleton_key AS "singletonKey", data, output,
              EXTRACT(epoch FROM start_after - now()) AS "dueInSeconds"
         FROM ${JOBS_SCHEMA}.job WHERE name = $1 ORDER BY created_on, id`,
    [queue],
  );
  return rows.map((r) => ({ ...r, dueInSeconds: Number(r.dueInSeconds) }));
}

/** Whether no job of `queue` waits, retries or runs. */
export async function queueIdle(ds: DataSource, queue: JobName): Promise<boolean> {
  const rows = await jobRows(ds, queue);
  return rows.every(
    (r) => r.state === 'completed' || r.state === 'failed' || r.state === 'cancelled',
  );
}
