import { type DynamicModule, Global, Module } from '@nestjs/common';
import { JobQueue } from './job-queue';
import { JobsEngine } from './jobs-engine';
import { JOBS_SETUP, type JobsSetup } from './jobs-setup';
import { PgBossJobQueue } from './pg-boss-job-queue';

/**
 * The job queue of the process (pg-boss in the service's database) and `JobQueue` for every
 * module. It starts before the application serves and stops after it. Which jobs this process
 * runs is the worker module's business (workers/job-workers.module.ts).
 */
@Global()
@Module({})
export class JobsModule {
  static forRoot(setup: JobsSetup): DynamicModule {
    return {
      module: JobsModule,
      providers: [
        { provide: JOBS_SETUP, useValue: setup },
        JobsEngine,
        { provide: JobQueue, useClass: PgBossJobQueue },
      ],
      exports: [JOBS_SETUP, JobsEngine, JobQueue],
    };
  }
}
