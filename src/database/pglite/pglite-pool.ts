import { EventEmitter } from 'node:events';
import type { PGlite, Results } from '@electric-sql/pglite';
import { ExclusiveLock } from './exclusive-lock';

/** The subset of a node-postgres result that TypeORM's postgres driver reads. */
export interface PgLikeResult {
  rows: unknown[];
  rowCount: number;
  command: string;
  fields: { name: string; dataTypeID: number }[];
}

type Callback = (err: Error | null, result?: PgLikeResult) => void;

function toPgResult(results: Results): PgLikeResult {
  const command = (results as Results & { command?: string }).command ?? '';
  return {
    rows: results.rows,
    rowCount: results.affectedRows ?? results.rows.length,
    command,
    fields: results.fields.map((f) => ({ name: f.name, dataTypeID: f.dataTypeID })),
  };
}

/** Runs one statement with parameters, or a parameterless (possibly multi-statement) script. */
async function run(db: PGlite, sql: string, params?: unknown[]): Promise<PgLikeResult> {
  if (params && params.length > 0) {
    return toPgResult(await db.query(sql, params));
  }
  const all = await db.exec(sql);
  const last = all[all.length - 1];
  return last ? toPgResult(last) : { rows: [], rowCount: 0, command: '', fields: [] };
}

/**
 * A checked-out session. It holds the PGlite lock from `connect()` until `release()`, so a
 * transaction opened through it cannot interleave with statements from other callers.
 */
class PgliteClient extends EventEmitter {
  constructor(
    private readonly db: PGlite,
    readonly release: () => void,
  ) {
    super();
  }

  query(sql: string, params?: unknown[] | Callback, cb?: Callback): Promise<PgLikeResult> {
    const callback = typeof params === 'function' ? params : cb;
    const values = typeof params === 'function' ? undefined : params;
    const promise = run(this.db, sql, values);
    if (callback) {
      promise.then(
        (r) => callback(null, r),
        (e: unknown) => callback(e as Error),
      );
    }
    return promise;
  }
}

/**
 * A node-postgres compatible pool over one PGlite instance, for TypeORM's `driver` option.
 * Unlike a shared-session shim, each `connect()` waits for exclusive use of the session, so
 * concurrent transactions serialise instead of corrupting one another, as they would over a
 * pool of size one.
 */
export class PglitePool extends EventEmitter {
  private readonly lock = new ExclusiveLock();

  constructor(private readonly db: PGlite) {
    super();
  }

  connect(cb?: (err: Error | null, client?: PgliteClient, release?: () => void) => void) {
    const promise = this.lock.acquire().then((release) => new PgliteClient(this.db, release));
    if (cb) {
      promise.then(
        (client) => cb(null, client, client.release),
        (e: unknown) => cb(e as Error),
      );
    }
    return promise;
  }

  async query(sql: string, params?: unknown[]): Promise<PgLikeResult> {
    const release = await this.lock.acquire();
    try {
      return await run(this.db, sql, params);
    } finally {
      release();
    }
  }

  /** The pool does not own the PGlite instance; closing it is the caller's job. */
  end(cb?: (err: Error | null) => void): Promise<void> {
    cb?.(null);
    return Promise.resolve();
  }
}

/**
 * A `pg`-shaped module whose `Pool` constructor always yields one PGlite-backed pool: `pool`
 * when given (to share it with another client), else a new one.
 */
export function pgliteDriverModule(
  db: PGlite,
  pool: PglitePool = new PglitePool(db),
): { Pool: new () => PglitePool } {
  return {
    Pool: function Pool() {
      return pool;
    } as unknown as new () => PglitePool,
  };
}
