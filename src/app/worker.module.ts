import { type DynamicModule, Module } from '@nestjs/common';
import { MasConfigModule } from '../config';
import { CoreModule } from '../core';
import { DatabaseModule } from '../database/database.module';
import { HomeserverModule } from '../homeserver/homeserver.module';
import { JobsModule } from '../jobs/jobs.module';
import { JobWorkersModule } from '../jobs/workers/job-workers.module';
import { RateLimitModule } from '../rate-limit';
import { StorageModule } from '../storage/storage.module';
import { UsersModule } from '../users/users.module';
import type { AppModuleOptions } from './app.module';

/** A worker-only process (`mas-ts worker`): what the jobs need, no surface. Imports only. */
@Module({})
export class WorkerModule {
  static register({ config, dataSource, jobs }: AppModuleOptions): DynamicModule {
    return {
      module: WorkerModule,
      imports: [
        MasConfigModule.forRoot(config),
        CoreModule,
        DatabaseModule.forDataSource(dataSource, jobs.access),
        StorageModule,
        JobsModule.forRoot(jobs),
        RateLimitModule,
        UsersModule,
        HomeserverModule,
        JobWorkersModule,
      ],
    };
  }
}
