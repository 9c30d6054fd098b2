import {
  type BeforeApplicationShutdown,
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { Rng } from '../core';
import { type JobName, QUEUES, type QueueDefinition } from './job-definitions';
import { JOB_HANDLERS, type JobHandler } from './job-handler';
import { JobsEngine } from './jobs-engine';
import {
  DEFAULT_POLLING_INTERVAL_SECONDS,
  DEFAULT_SHUTDOWN_TIMEOUT_MS,
  JOBS_SETUP,
  type JobsSetup,
  SCHEDULED_POLLING_INTERVAL_SECONDS,
} from './jobs-setup';
import { QueueWorker } from './queue-worker';

/**
 * The worker side of the process: when the setup says this process works jobs, one QueueWorker
 * per on-demand handler starts once the application is up; when it also keeps the schedules,
 * the cron schedules are written to pg-boss (which fires each once per minute slot, whatever
 * the number of processes) and the scheduled handlers get their workers too. Stopping waits
 * for running jobs, bounded by the shutdown timeout.
 */
@Injectable()
export class JobWorkers implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('JobWorkers');
  private readonly workers: QueueWorker[] = [];

  constructor(
    @Inject(JOBS_SETUP) private readonly setup: JobsSetup,
    @Inject(JOB_HANDLERS) private readonly handlers: JobHandler[],
    private readonly engine: JobsEngine,
    private readonly rng: Rng,
  ) {}

  /** The queues this process works (empty unless it is a worker). */
  get queues(): JobName[] {
    return this.workers.map((w) => w.queue);
  }

  async onApplicationBootstrap(): Promise<void> {
    if (!this.setup.worker) return;
    const scheduling = this.setup.schedules ?? true;
    if (scheduling) await this.writeSchedules();
    const onDemandMs =
      (this.setup.pollingIntervalSeconds ?? DEFAULT_POLLING_INTERVAL_SECONDS) * 1000;
    for (const handler of this.handlers) {
      // Scheduled jobs are worked by the processes that keep the schedules.
      if (handler.schedule !== undefined && !scheduling) continue;
      const pollingMs =
        handler.schedule === undefined
          ? onDemandMs
          : Math.max(onDemandMs, SCHEDULED_POLLING_INTERVAL_SECONDS * 1000);
      const worker = new QueueWorker(
        this.engine,
        QUEUES[handler.queue] as QueueDefinition,
        handler,
        pollingMs,
        this.rng,
        this.logger,
      );
      this.engine.onWake(handler.queue, () => worker.wake());
      worker.start();
      this.workers.push(worker);
    }
    this.logger.log(`working ${this.workers.length} job queues`);
  }

  /** Schedules every handler that has a cron expression and unschedules the others. */
  private async writeSchedules(): Promise<void> {
    const boss = this.engine.pgBoss;
    for (const handler of this.handlers) {
      if (handler.schedule !== undefined) {
        await boss.schedule(handler.queue, handler.schedule, {}, { tz: 'UTC' });
      } else {
        await boss.unschedule(handler.queue);
      }
    }
  }

  async beforeApplicationShutdown(): Promise<void> {
    const timeout = this.setup.shutdownTimeoutMs ?? DEFAULT_SHUTDOWN_TIMEOUT_MS;
    const finished = await Promise.all(this.workers.map((w) => w.stop(timeout)));
    const abandoned = this.workers.filter((_w, i) => !finished[i]).map((w) => w.queue);
    if (abandoned.length > 0) {
      this.logger.warn(
        `stopped with running jobs in ${abandoned.join(', ')}; they will run again ` +
          'once pg-boss expires them',
      );
    }
  }
}
