import { type DynamicModule, Module } from '@nestjs/common';
import { MasConfigModule } from '../config';
import { CoreModule } from '../core';
import { DatabaseModule } from '../database/database.module';
import { HomeserverModule } from '../homeserver/homeserver.module';
import { JobsModule } from '../jobs/jobs.module';
import { RateLimitModule } from '../rate-limit';
import { SessionsModule } from '../sessions';
import { StorageModule } from '../storage/storage.module';
import { UsersModule } from '../users/users.module';
import type { AppModuleOptions } from './app.module';

/**
 * What the `manage` commands that start or end sessions need: no surface, no worker (jobs are
 * only enqueued, for the server's or a worker's workers to run). Imports only.
 */
@Module({})
export class ManageModule {
  static register({ config, dataSource, jobs }: AppModuleOptions): DynamicModule {
    return {
      module: ManageModule,
      imports: [
        MasConfigModule.forRoot(config),
        CoreModule,
        DatabaseModule.forDataSource(dataSource, jobs.access),
        StorageModule,
        JobsModule.forRoot(jobs),
        RateLimitModule,
        UsersModule,
        HomeserverModule,
        SessionsModule,
      ],
    };
  }
}
