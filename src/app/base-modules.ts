import type { DynamicModule, Type } from '@nestjs/common';
import { MasConfigModule } from '../config';
import { CoreModule } from '../core';
import { DatabaseModule } from '../database/database.module';
import { HomeserverModule } from '../homeserver/homeserver.module';
import { JobsModule } from '../jobs/jobs.module';
import { KeysModule } from '../keys/keys.module';
import { RateLimitModule } from '../rate-limit';
import { StorageModule } from '../storage/storage.module';
import { UsersModule } from '../users/users.module';
import type { AppModuleOptions } from './app.module';

/**
 * The modules every kind of process starts with (web server, worker, `manage` commands):
 * config, core, the keystore and encrypter, database, storage, the job queue, rate limits,
 * users and the homeserver.
 */
export function baseModules({
  config,
  dataSource,
  jobs,
}: AppModuleOptions): (Type | DynamicModule)[] {
  return [
    MasConfigModule.forRoot(config),
    CoreModule,
    KeysModule,
    DatabaseModule.forDataSource(dataSource, jobs.access),
    StorageModule,
    JobsModule.forRoot(jobs),
    RateLimitModule,
    UsersModule,
    HomeserverModule,
  ];
}
