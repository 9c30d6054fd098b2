import { Injectable } from '@nestjs/common';

/**
 * Serialises, per user, the work that changes the user's devices on the homeserver: a device
 * sync reads the active devices and pushes them, so it must not interleave with a code exchange
 * that has upserted a device but not yet committed its session (the sync would delete it).
 * MAS takes a per-user database lock for this (`acquire_lock_for_sync`).
 *
 * In-process only. Device syncs run as `sync-devices` jobs, which pg-boss's `stately` policy
 * already runs one at a time per user across processes; a worker in another process than the
 * code exchange is not covered by this lock (docs/jobs.md, "Scaling out").
 */
@Injectable()
export class UserDeviceLock {
  private readonly tails = new Map<string, Promise<void>>();

  /** Runs `work` once every earlier holder for `userId` has finished, and returns its result. */
  async run<T>(userId: string, work: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(userId) ?? Promise.resolve();
    let release!: () => void;
    const done = new Promise<void>((resolve) => {
      release = resolve;
    });
    const tail = previous.then(() => done);
    this.tails.set(userId, tail);
    await previous;
    try {
      return await work();
    } finally {
      release();
      if (this.tails.get(userId) === tail) this.tails.delete(userId);
    }
  }

  /** How many users have work queued or running (for tests). */
  get size(): number {
    return this.tails.size;
  }
}
