import { type OnApplicationShutdown } from '@nestjs/common';
import { Pool } from 'pg';
import type { DatabaseAccess } from './database-access';

/**
 * Mutual exclusion between the processes that share the database, per (namespace, key): web
 * and worker processes of one deployment. The DI token; `crossProcessLockFor` picks the
 * implementation.
 */
export abstract class CrossProcessLock {
  /** Runs `work` while holding the lock for (namespace, key), waiting for it if needed. */
  abstract hold<T>(namespace: string, key: string, work: () => Promise<T>): Promise<T>;
}

/** The embedded PGlite serves a single process: the in-process locks already exclude. */
class SingleProcessLock extends CrossProcessLock {
  hold<T>(_namespace: string, _key: string, work: () => Promise<T>): Promise<T> {
    return work();
  }
}

/**
 * PostgreSQL session-level advisory locks (`pg_advisory_lock`), each held on a connection of a
 * pool of its own (as large as the main pool: `database.max_connections`) for as long as the
 * work runs, so the work's own queries never wait for the pool they hold. Should the
 * connection die, the server releases the lock.
 */
class AdvisoryLock extends CrossProcessLock implements OnApplicationShutdown {
  private readonly pool: Pool;

  constructor(access: DatabaseAccess & { kind: 'server' }) {
    super();
    this.pool = new Pool({
      ...access.pool,
      min: 0,
      max: access.pool.max ?? 10,
      idleTimeoutMillis: 10_000,
      application_name: 'mas-ts locks',
    });
    // A connection the server closes while idle must not take the process down.
    this.pool.on('error', () => undefined);
  }

  async hold<T>(namespace: string, key: string, work: () => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    let locked = false;
    try {
      await client.query('SELECT pg_advisory_lock(hashtext($1), hashtext($2))', [namespace, key]);
      locked = true;
      return await work();
    } finally {
      if (locked) {
        await client
          .query('SELECT pg_advisory_unlock(hashtext($1), hashtext($2))', [namespace, key])
          .catch(() => undefined);
      }
      client.release();
    }
  }

  async onApplicationShutdown(): Promise<void> {
    await this.pool.end();
  }
}

/** The lock for the database at `access`. */
export function crossProcessLockFor(access: DatabaseAccess): CrossProcessLock {
  return access.kind === 'server' ? new AdvisoryLock(access) : new SingleProcessLock();
}
