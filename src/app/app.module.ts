import { type DynamicModule, Module } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import type { MasConfig } from '../config';
import { AccountModule } from '../account/account.module';
import { AdminPagesModule } from '../account/admin/admin-pages.module';
import { AccountEmailsModule } from '../account/emails/account-emails.module';
import { RecoveryPagesModule } from '../account/recovery/recovery-pages.module';
import { RegistrationPagesModule } from '../account/registration/registration-pages.module';
import { AdminModule } from '../admin/admin.module';
import { ClientAuthModule } from '../client-auth';
import { CompatModule } from '../compat/compat.module';
import { DiscoveryModule } from '../discovery/discovery.module';
import { HealthModule } from '../health/health.module';
import { HttpSupportModule } from '../http/http-support.module';
import { IntrospectionModule } from '../introspection/introspection.module';
import type { JobsSetup } from '../jobs/jobs-setup';
import { JobWorkersModule } from '../jobs/workers/job-workers.module';
import { LoginModule } from '../login/login.module';
import { AuthorizationModule } from '../oauth2/authorize/authorization.module';
import { DeviceModule } from '../oauth2/device/device.module';
import { OAuth2Module } from '../oauth2/oauth2.module';
import { ProviderMetadataModule } from '../provider-metadata/provider-metadata.module';
import { TemplatesModule } from '../templates/templates.module';
import { WebSessionModule } from '../web-session/web-session.module';
import { baseModules } from './base-modules';

export interface AppModuleOptions {
  config: MasConfig;
  dataSource: DataSource;
  /** The job queue, and whether this process also works it. */
  jobs: JobsSetup;
}

/** The whole service: base and shared modules, then the surfaces. Imports only. */
@Module({})
export class AppModule {
  static register(options: AppModuleOptions): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ...baseModules(options),
        JobWorkersModule,
        HttpSupportModule,
        ProviderMetadataModule,
        TemplatesModule,
        WebSessionModule,
        ClientAuthModule,
        DiscoveryModule,
        OAuth2Module,
        IntrospectionModule,
        AuthorizationModule,
        DeviceModule,
        LoginModule,
        CompatModule,
        AccountModule,
        RecoveryPagesModule,
        AdminPagesModule,
        RegistrationPagesModule,
        AccountEmailsModule,
        AdminModule,
        HealthModule,
      ],
    };
  }
}
