import type PgBoss from 'pg-boss';
import { Rng } from '../core';
import type { JobName, JobPayloads, QueueDefinition } from './job-definitions';
import { judgeFailure } from './job-failure';
import type { JobHandler, JobOutput } from './job-handler';
import type { JobsEngine, JobsLog } from './jobs-engine';
import { retryDelaySeconds } from './retry-delay';

/** A fraction in [0, 1) from the injected Rng, for jitter. */
function fraction(rng: Rng): number {
  return rng.bytes(4).readUInt32BE(0) / 2 ** 32;
}

/** The job's payload in one short phrase for log lines (`user 01J…`). */
function subjectOf(data: unknown): string {
  const userId = (data as { userId?: unknown } | null)?.userId;
  return typeof userId === 'string' ? ` for user ${userId}` : '';
}

/**
 * Runs one queue's jobs in this process, one at a time: fetch a due job (pg-boss claims it with
 * `FOR UPDATE SKIP LOCKED`, so several processes can work the same queue), run its handler, then
 * complete or fail it, and sleep `pollingIntervalMs` when there is nothing to do (or until
 * `wake()`). Every step is awaited and caught, so no failure escapes the loop.
 */
export class QueueWorker<N extends JobName = JobName> {
  private stopping = false;
  private loop: Promise<void> | undefined;
  private sleeping: { timer: NodeJS.Timeout; done: () => void } | undefined;
  private nudged = false;

  constructor(
    private readonly engine: JobsEngine,
    private readonly definition: QueueDefinition<N>,
    private readonly handler: JobHandler<N>,
    private readonly pollingIntervalMs: number,
    private readonly rng: Rng,
    private readonly log: JobsLog,
  ) {}

  get queue(): N {
    return this.definition.name;
  }

  start(): void {
    this.loop ??= this.run();
  }

  /** Look for jobs now instead of at the end of the current sleep. */
  wake(): void {
    this.nudged = true;
    if (this.sleeping) {
      clearTimeout(this.sleeping.timer);
      this.sleeping.done();
    }
  }

  /**
   * Stops fetching and waits up to `timeoutMs` for the running job; false when it was still
   * running (it then expires and is retried, see jobs-engine.ts).
   */
  async stop(timeoutMs: number): Promise<boolean> {
    this.stopping = true;
    this.wake();
    if (!this.loop) return true;
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<boolean>((resolve) => {
      timer = setTimeout(() => resolve(false), timeoutMs);
    });
    const finished = await Promise.race([this.loop.then(() => true), timedOut]);
    clearTimeout(timer);
    return finished;
  }

  private async run(): Promise<void> {
    while (!this.stopping) {
      this.nudged = false;
      const worked = await this.runOnce();
      if (!worked && !this.nudged) await this.sleep();
    }
  }

  /** Fetches one due job and runs it to completion or failure; false when none was due. */
  async runOnce(): Promise<boolean> {
    let job: PgBoss.JobWithMetadata<JobPayloads[N]> | undefined;
    try {
      [job] = await this.engine.pgBoss.fetch<JobPayloads[N]>(this.queue, {
        batchSize: 1,
        includeMetadata: true,
      });
    } catch (error) {
      this.log.warn(`${this.queue}: could not fetch jobs: ${String(error)}`);
    }
    if (!job) return false;
    await this.process(job);
    return true;
  }

  private sleep(): Promise<void> {
    if (this.stopping) return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        this.sleeping = undefined;
        resolve();
      };
      this.sleeping = { timer: setTimeout(done, this.pollingIntervalMs), done };
    });
  }

  private async process(job: PgBoss.JobWithMetadata<JobPayloads[N]>): Promise<void> {
    const attempt = job.retryCount + 1;
    let output: JobOutput;
    try {
      output = await this.handler.run(job.data, { jobId: job.id, attempt });
    } catch (error) {
      await this.fail(job, attempt, error);
      return;
    }
    try {
      await this.engine.pgBoss.complete(this.queue, job.id, output);
    } catch (error) {
      // The job stays active until pg-boss expires it, then runs again: handlers are idempotent.
      this.log.warn(`${this.queue} job ${job.id}: could not record completion: ${String(error)}`);
    }
  }

  private async fail(
    job: PgBoss.JobWithMetadata<JobPayloads[N]>,
    attempt: number,
    error: unknown,
  ): Promise<void> {
    const verdict = judgeFailure(error);
    const what = `${this.queue} job ${job.id}${subjectOf(job.data)}`;
    try {
      if (verdict.retry && job.retryCount < job.retryLimit) {
        let wait = '';
        if (this.definition.retry === 'until-it-lands') {
          const seconds = retryDelaySeconds(attempt, this.engine.retry, fraction(this.rng));
          await this.engine.setNextRetryDelay(this.queue, job.id, seconds);
          wait = ` in ${seconds} s`;
        }
        const line = `${what} failed (attempt ${attempt}), retrying${wait}: ${verdict.message}`;
        if (verdict.known) this.log.warn(line);
        else this.log.error(line);
      } else {
        if (!verdict.retry) await this.engine.markLastAttempt(this.queue, job.id);
        this.log.error(
          `${what} failed for good after ${attempt} attempt(s), kept as a failed job: ` +
            verdict.message,
        );
      }
      await this.engine.pgBoss.fail(this.queue, job.id, {
        message: verdict.message,
        ...(error instanceof Error ? { name: error.name } : {}),
      });
    } catch (settleError) {
      this.log.warn(`${what}: could not record the failure: ${String(settleError)}`);
    }
  }
}
