import type { Tx } from '../database/transaction';
import type { JobName, JobPayloads } from './job-definitions';

export interface EnqueueOptions {
  /**
   * Enqueue inside this transaction: the job exists once it commits, and not at all if it rolls
   * back, so a state change and the job that pushes it to the homeserver cannot part.
   */
  tx?: Tx;
  /** Run no earlier than this many seconds from now. */
  startAfterSeconds?: number;
}

/**
 * Enqueues background jobs (the DI token; pg-boss-job-queue.ts is the implementation). Jobs of
 * queues with a singleton key (docs/jobs.md) collapse: while one with the same key waits, a new
 * one is not added, since the waiting one will do the same work with fresher data.
 */
export abstract class JobQueue {
  /** Returns the new job's id, or null when a waiting job with the same key covers it. */
  abstract enqueue<N extends JobName>(
    name: N,
    payload: JobPayloads[N],
    options?: EnqueueOptions,
  ): Promise<string | null>;
}
