export {
  CLEANUP_QUEUES,
  type CleanupQueue,
  JOB_NAMES,
  type JobName,
  type JobPayloads,
  QUEUES,
} from './job-definitions';
export { JOB_HANDLERS, type JobContext, type JobHandler, type JobOutput } from './job-handler';
export { type EnqueueOptions, JobQueue } from './job-queue';
export { JOBS_SCHEMA, JobsEngine, JobsEngineError } from './jobs-engine';
export { JobsModule } from './jobs.module';
export { DEFAULT_RETRY_POLICY, JOBS_SETUP, type JobsSetup, type RetryPolicy } from './jobs-setup';
