import type { DatabaseAccess } from '../database/database-access';

/** Capped exponential backoff (retry-delay.ts). */
export interface RetryPolicy {
  /** The wait after the first failed attempt, in seconds. */
  firstDelaySeconds: number;
  /** No wait is longer than this, in seconds. */
  maxDelaySeconds: number;
}

/** What the process does with the job queue, decided by the CLI (or a test). */
export interface JobsSetup {
  /** The database the queue lives in (schema `pgboss`), reached beside the DataSource. */
  access: DatabaseAccess;
  /** This process runs jobs (`server` without `--no-worker`, `worker`). */
  worker: boolean;
  /**
   * This process also keeps the cron schedules and runs pg-boss's maintenance (expiring stuck
   * jobs, archiving finished ones). Defaults to `worker`; tests turn it off.
   */
  schedules?: boolean;
  /** Create or upgrade the `pgboss` schema at start; otherwise it must be up to date. */
  migrate: boolean;
  /** How often an idle worker looks for due jobs of an on-demand queue, in seconds (≥ 0.5). */
  pollingIntervalSeconds?: number;
  /** Backoff of `until-it-lands` queues. */
  retry?: Partial<RetryPolicy>;
  /** How long stopping waits for running jobs, in milliseconds. */
  shutdownTimeoutMs?: number;
}

/** DI token of the JobsSetup. */
export const JOBS_SETUP = Symbol('JOBS_SETUP');

export const DEFAULT_POLLING_INTERVAL_SECONDS = 2;
/** Cron jobs fire at most once a minute; their queues need no quick polling. */
export const SCHEDULED_POLLING_INTERVAL_SECONDS = 30;
export const DEFAULT_RETRY_POLICY: RetryPolicy = { firstDelaySeconds: 5, maxDelaySeconds: 600 };
export const DEFAULT_SHUTDOWN_TIMEOUT_MS = 10_000;

/**
 * Attempts of an `until-it-lands` job: with the default policy the waits reach 10 minutes after
 * eight failures, so 4000 attempts last about four weeks, less than the queue's retention.
 */
export const UNTIL_IT_LANDS_RETRY_LIMIT = 4000;
/** How long pg-boss keeps an `until-it-lands` job that has not run, in minutes (30 days). */
export const UNTIL_IT_LANDS_RETENTION_MINUTES = 30 * 24 * 60;
