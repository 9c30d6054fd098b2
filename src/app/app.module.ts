import { type DynamicModule, Module } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { type MasConfig, MasConfigModule } from '../config';
import { AccountModule } from '../account/account.module';
import { ClientAuthModule } from '../client-auth';
import { CompatModule } from '../compat/compat.module';
import { CoreModule } from '../core';
import { DatabaseModule } from '../database/database.module';
import { DiscoveryModule } from '../discovery/discovery.module';
import { HealthModule } from '../health/health.module';
import { HomeserverModule } from '../homeserver/homeserver.module';
import { HttpSupportModule } from '../http/http-support.module';
import { IntrospectionModule } from '../introspection/introspection.module';
import { JobsModule } from '../jobs/jobs.module';
import type { JobsSetup } from '../jobs/jobs-setup';
import { JobWorkersModule } from '../jobs/workers/job-workers.module';
import { KeysModule } from '../keys/keys.module';
import { LoginModule } from '../login/login.module';
import { AuthorizationModule } from '../oauth2/authorize/authorization.module';
import { OAuth2Module } from '../oauth2/oauth2.module';
import { ProviderMetadataModule } from '../provider-metadata/provider-metadata.module';
import { RateLimitModule } from '../rate-limit';
import { StorageModule } from '../storage/storage.module';
import { TemplatesModule } from '../templates/templates.module';
import { UsersModule } from '../users/users.module';
import { WebSessionModule } from '../web-session/web-session.module';

export interface AppModuleOptions {
  config: MasConfig;
  dataSource: DataSource;
  /** The job queue, and whether this process also works it. */
  jobs: JobsSetup;
}

/** The whole service: base and shared modules, then the surfaces. Imports only. */
@Module({})
export class AppModule {
  static register({ config, dataSource, jobs }: AppModuleOptions): DynamicModule {
    return {
      module: AppModule,
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
        KeysModule,
        HttpSupportModule,
        ProviderMetadataModule,
        TemplatesModule,
        WebSessionModule,
        ClientAuthModule,
        DiscoveryModule,
        OAuth2Module,
        IntrospectionModule,
        AuthorizationModule,
        LoginModule,
        CompatModule,
        AccountModule,
        HealthModule,
      ],
    };
  }
}
