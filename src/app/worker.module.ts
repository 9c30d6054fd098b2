import { type DynamicModule, Module } from '@nestjs/common';
import { JobWorkersModule } from '../jobs/workers/job-workers.module';
import type { AppModuleOptions } from './app.module';
import { baseModules } from './base-modules';

/** A worker-only process (`mas-ts worker`): what the jobs need, no surface. Imports only. */
@Module({})
export class WorkerModule {
  static register(options: AppModuleOptions): DynamicModule {
    return { module: WorkerModule, imports: [...baseModules(options), JobWorkersModule] };
  }
}
