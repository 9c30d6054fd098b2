import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationShutdown,
  type OnModuleInit,
  Optional,
} from '@nestjs/common';
import PgBoss from 'pg-boss';
import { JOB_NAMES, type JobName, QUEUES, type QueueDefinition } from './job-definitions';
import { createJobsDb, type JobsDb } from './jobs-db';
import {
  DEFAULT_RETRY_POLICY,
  DEFAULT_SHUTDOWN_TIMEOUT_MS,
  JOBS_SETUP,
  type JobsSetup,
  type RetryPolicy,
  UNTIL_IT_LANDS_RETENTION_MINUTES,
  UNTIL_IT_LANDS_RETRY_LIMIT,
} from './jobs-setup';

/** The schema of the queue tables, in the service's own database. */
export const JOBS_SCHEMA = 'pgboss';

/** The job queue could not start; the message says what to do. */
export class JobsEngineError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'JobsEngineError';
  }
}

/** Where the engine reports; Nest's Logger by default. */
export interface JobsLog {
  log(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

/** Optional DI token of a JobsLog. */
export const JOBS_LOG = Symbol('JOBS_LOG');

/** pg-boss's queue options for a definition (retries, expiry, retention). */
function queueOptions(def: QueueDefinition, retry: RetryPolicy): PgBoss.Queue {
  const common = {
    name: def.name,
    policy: 'stately' as const,
    expireInSeconds: def.expireInSeconds,
  };
  return def.retry === 'until-it-lands'
    ? {
        ...common,
        retryLimit: UNTIL_IT_LANDS_RETRY_LIMIT,
        // The worker sets each wait itself (retry-delay.ts); this is the first one.
        retryDelay: retry.firstDelaySeconds,
        retryBackoff: false,
        retentionMinutes: UNTIL_IT_LANDS_RETENTION_MINUTES,
      }
    : { ...common, retryLimit: 2, retryDelay: 60, retryBackoff: true };
}

/** Whether pg-boss's stored queue differs from what the code asks for. */
function differs(stored: PgBoss.QueueResult, wanted: PgBoss.Queue): boolean {
  const keys = [
    'policy',
    'retryLimit',
    'retryDelay',
    'retryBackoff',
    'expireInSeconds',
    'retentionMinutes',
  ] as const;
  return keys.some((k) => (stored[k] ?? null) !== (wanted[k] ?? null));
}

/**
 * The pg-boss instance of the process, in schema `pgboss` of the service's database (embedded
 * PGlite through its pool, or PostgreSQL through a pool of its own). It creates the queues at
 * start and, in worker processes that keep the schedules, runs pg-boss's cron relay and
 * maintenance: stuck jobs expire and are retried, completed jobs leave the queue table after a
 * day and failed ones after 30 days, and the archive keeps them 30 more days (MAS
 * `cleanup-queue-jobs`). Our own workers (queue-worker.ts) fetch and settle jobs through it.
 */
@Injectable()
export class JobsEngine implements OnModuleInit, OnApplicationShutdown {
  private readonly db: JobsDb;
  private readonly boss: PgBoss;
  private readonly retryPolicy: RetryPolicy;
  private readonly wakers = new Map<JobName, () => void>();
  private readonly logger: JobsLog;
  private state: 'new' | 'running' | 'stopped' = 'new';

  constructor(
    @Inject(JOBS_SETUP) private readonly setup: JobsSetup,
    @Optional() @Inject(JOBS_LOG) logger?: JobsLog,
  ) {
    this.logger = logger ?? new Logger('JobQueue');
    this.retryPolicy = { ...DEFAULT_RETRY_POLICY, ...setup.retry };
    this.db = createJobsDb(setup.access, this.logger);
    const keeper = setup.schedules ?? setup.worker;
    this.boss = new PgBoss({
      db: this.db,
      schema: JOBS_SCHEMA,
      migrate: setup.migrate,
      schedule: keeper,
      supervise: keeper,
      archiveCompletedAfterSeconds: 24 * 60 * 60,
      archiveFailedAfterSeconds: 30 * 24 * 60 * 60,
      deleteAfterDays: 30,
    });
    // pg-boss emits Errors, and plain objects with a `message` for its workers' errors.
    this.boss.on('error', (error: { message?: string }) =>
      this.logger.error(`job queue: ${error.message ?? 'unknown error'}`),
    );
  }

  /** The backoff of `until-it-lands` queues. */
  get retry(): RetryPolicy {
    return this.retryPolicy;
  }

  async onModuleInit(): Promise<void> {
    await this.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.stop();
  }

  /** Starts pg-boss (installing or upgrading its schema when `migrate`) and creates the queues. */
  async start(): Promise<void> {
    if (this.state !== 'new') return;
    try {
      await this.boss.start();
    } catch (error) {
      await this.db.close(0);
      this.state = 'stopped';
      const message = error instanceof Error ? error.message : String(error);
      if (/not installed|requires migrations/.test(message)) {
        throw new JobsEngineError(
          `the job queue schema (${JOBS_SCHEMA}) is missing or out of date; ` +
            'run `mas-ts database migrate` first',
          { cause: error },
        );
      }
      throw new JobsEngineError(`the job queue cannot start: ${message}`, { cause: error });
    }
    this.state = 'running';
    await this.ensureQueues();
  }

  private async ensureQueues(): Promise<void> {
    const stored = new Map((await this.boss.getQueues()).map((q) => [q.name, q]));
    for (const name of JOB_NAMES) {
      const wanted = queueOptions(QUEUES[name] as QueueDefinition, this.retryPolicy);
      const existing = stored.get(name);
      if (!existing) await this.boss.createQueue(name, wanted);
      else if (differs(existing, wanted)) await this.boss.updateQueue(name, wanted);
    }
  }

  /** The running pg-boss; throws once the engine has stopped or before it started. */
  get pgBoss(): PgBoss {
    if (this.state !== 'running') throw new JobsEngineError('the job queue is not running');
    return this.boss;
  }

  get running(): boolean {
    return this.state === 'running';
  }

  /** Lets `wake(name)` nudge this process's worker of `name` (queue-worker.ts). */
  onWake(name: JobName, wake: () => void): void {
    this.wakers.set(name, wake);
  }

  /** Makes this process's idle worker of `name`, if any, look for jobs now. */
  wake(name: JobName): void {
    this.wakers.get(name)?.();
  }

  /**
   * Sets the wait before the next attempt of a running job that is about to fail. pg-boss 10
   * has no per-failure delay nor a cap on its backoff (its `retryDelayMax` came in 11, which
   * needs Node 22), so the worker writes the delay that pg-boss's `fail()` then applies.
   */
  async setNextRetryDelay(name: JobName, id: string, seconds: number): Promise<void> {
    await this.db.executeSql(
      `UPDATE ${JOBS_SCHEMA}.job SET retry_backoff = false, retry_delay = $3
        WHERE name = $1 AND id = $2`,
      [name, id, Math.max(1, Math.round(seconds))],
    );
  }

  /** Makes the next `fail()` of a running job final: it ends `failed`, not `retry`. */
  async markLastAttempt(name: JobName, id: string): Promise<void> {
    await this.db.executeSql(
      `UPDATE ${JOBS_SCHEMA}.job SET retry_limit = retry_count WHERE name = $1 AND id = $2`,
      [name, id],
    );
  }

  /** Stops pg-boss and closes the connections, waiting up to the shutdown timeout. */
  async stop(): Promise<void> {
    if (this.state !== 'running') return;
    this.state = 'stopped';
    const timeout = this.setup.shutdownTimeoutMs ?? DEFAULT_SHUTDOWN_TIMEOUT_MS;
    try {
      await this.boss.stop({ graceful: true, wait: true, close: false, timeout });
    } catch (error) {
      this.logger.warn(`job queue: stopping pg-boss failed: ${String(error)}`);
    }
    await this.db.close(timeout);
  }
}
