import { Injectable, Optional } from '@nestjs/common';
import { CrossProcessLock } from '../database/cross-process-lock';

/** The advisory lock namespace of device changes. */
const NAMESPACE = 'mas-ts:user-devices';

/**
 * Serialises, per user, the work that changes the user's devices on the homeserver: a device
 * sync reads the active devices and pushes them, so it must not interleave with a code exchange
 * that has upserted a device but not yet committed its session (the sync would delete it).
 * MAS takes a per-user database lock for this (`acquire_lock_for_sync`).
 *
 * Work for one user waits in the process first, in arrival order; then, when processes share
 * a PostgreSQL database (web and worker processes), it also takes the user's advisory lock, so
 * a sync in a worker process cannot interleave with an exchange in a web process.
 */
@Injectable()
export class UserDeviceLock {
  private readonly tails = new Map<string, Promise<void>>();

  constructor(@Optional() private readonly crossProcess?: CrossProcessLock) {}

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
      return await (this.crossProcess ? this.crossProcess.hold(NAMESPACE, userId, work) : work());
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
