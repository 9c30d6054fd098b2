import { Pool, type PoolClient } from 'pg';
import type PgBoss from 'pg-boss';
import type { DatabaseAccess } from '../database/database-access';
import type { PglitePool } from '../database/pglite/pglite-pool';

/** pg-boss's executor (its `db` option), which the engine closes when it stops. */
export interface JobsDb extends PgBoss.Db {
  /** Waits up to `timeoutMs` for running statements, then releases the connections. */
  close(timeoutMs: number): Promise<void>;
}

/** The internal queue through which pg-boss 10's timekeeper sends scheduled jobs. */
const CRON_RELAY_QUEUE = '__pgboss__send-it';

/** Where failures of fire-and-forget statements are reported. */
export interface JobsDbLog {
  warn(message: string): void;
}

type Rows = { rows: unknown[] };

/** The rows of the last statement of a result (a multi-statement script yields several). */
function lastRows(result: { rows: unknown[] } | { rows: unknown[] }[]): Rows {
  const last = Array.isArray(result) ? result[result.length - 1] : result;
  return { rows: last?.rows ?? [] };
}

/** A client of either pool: one session held until `release()`. */
interface Session {
  query(sql: string, values?: unknown[]): Promise<{ rows: unknown[] } | { rows: unknown[] }[]>;
  release(): void;
}

/**
 * Runs pg-boss's statements on a session of its own and tracks them, so that stopping can wait
 * for them. Parameterless statements are scripts (several statements, some with their own
 * BEGIN … COMMIT): the embedded engine only runs those through `exec`, and a script that fails
 * half-way would leave its transaction open on the session, so it is rolled back.
 *
 * pg-boss 10 completes and fails the jobs of its cron relay without awaiting the result, so a
 * failure there would be an unhandled rejection that ends the process; those statements answer
 * "nothing" instead, as pg-boss's own executor does when closed, and the relay job expires and
 * runs again. After `close()` every statement answers "nothing".
 */
abstract class TrackedJobsDb implements JobsDb {
  private readonly running = new Set<Promise<unknown>>();
  private closed = false;

  constructor(private readonly log: JobsDbLog) {}

  protected abstract session(): Promise<Session>;
  protected abstract end(): Promise<void>;

  executeSql(text: string, values?: unknown[]): Promise<Rows> {
    if (this.closed) return Promise.resolve(undefined as unknown as Rows);
    const run = this.run(text, values);
    this.running.add(run);
    void run.finally(() => this.running.delete(run)).catch(() => undefined);
    if (values?.[0] !== CRON_RELAY_QUEUE) return run;
    return run.catch((error: unknown) => {
      this.log.warn(
        `job queue: a cron relay statement failed and will be retried: ${String(error)}`,
      );
      return undefined as unknown as Rows;
    });
  }

  private async run(text: string, values?: unknown[]): Promise<Rows> {
    const session = await this.session();
    const params = values?.map((v) => (v === undefined ? null : v));
    try {
      return lastRows(await session.query(text, params && params.length > 0 ? params : undefined));
    } catch (error) {
      if (!params || params.length === 0) await session.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      session.release();
    }
  }

  async close(timeoutMs: number): Promise<void> {
    this.closed = true;
    let timer: NodeJS.Timeout | undefined;
    const waited = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, timeoutMs);
    });
    await Promise.race([Promise.allSettled([...this.running]), waited]);
    clearTimeout(timer);
    await this.end();
  }
}

/** Over the embedded PGlite's pool: each statement waits for exclusive use of the session. */
class PgliteJobsDb extends TrackedJobsDb {
  constructor(
    private readonly pool: PglitePool,
    log: JobsDbLog,
  ) {
    super(log);
  }

  protected session(): Promise<Session> {
    return this.pool.connect();
  }

  /** The pool belongs to the DataSource; closing it is not the queue's job. */
  protected end(): Promise<void> {
    return Promise.resolve();
  }
}

/** Over a small node-postgres pool of its own, built from the same connection settings. */
class PostgresJobsDb extends TrackedJobsDb {
  private readonly pool: Pool;

  constructor(config: DatabaseAccess & { kind: 'server' }, log: JobsDbLog) {
    super(log);
    this.pool = new Pool({
      ...config.pool,
      min: 0,
      max: 4,
      application_name: 'mas-ts jobs',
    });
    // An idle connection that the server closes must not take the process down.
    this.pool.on('error', (error) => log.warn(`job queue connection lost: ${error.message}`));
  }

  protected async session(): Promise<Session> {
    const client: PoolClient = await this.pool.connect();
    return {
      query: (sql, values) => client.query(sql, values),
      release: () => client.release(),
    };
  }

  protected end(): Promise<void> {
    return this.pool.end();
  }
}

/** pg-boss's executor for the database at `access`. */
export function createJobsDb(access: DatabaseAccess, log: JobsDbLog): JobsDb {
  return access.kind === 'embedded'
    ? new PgliteJobsDb(access.pool, log)
    : new PostgresJobsDb(access, log);
}
