import type { JobName, JobPayloads } from './job-definitions';

/** What a handler knows about the job it runs. */
export interface JobContext {
  jobId: string;
  /** 1 for the first run, 2 for the first retry, … */
  attempt: number;
}

/** Stored as the completed job's output, for an administrator reading the queue. */
export type JobOutput = Record<string, unknown>;

/**
 * Runs the jobs of one queue in a worker process. A throw fails the attempt: errors with
 * `transient: true` (homeserver down, 5xx, timeouts) and unknown errors are retried with
 * backoff; errors with `transient: false` fail the job for good (docs/jobs.md).
 */
export interface JobHandler<N extends JobName = JobName> {
  readonly queue: N;
  /** A 5-field cron expression (UTC) for a scheduled job; absent for on-demand jobs. */
  readonly schedule?: string;
  run(payload: JobPayloads[N], context: JobContext): Promise<JobOutput>;
}

/** DI token of the list of every handler this process may run. */
export const JOB_HANDLERS = Symbol('JOB_HANDLERS');
