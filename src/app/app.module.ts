import { type DynamicModule, Module } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { type MasConfig, MasConfigModule } from '../config';
import { CoreModule } from '../core';
import { DatabaseModule } from '../database/database.module';
import { DiscoveryModule } from '../discovery/discovery.module';
import { HealthModule } from '../health/health.module';
import { HttpSupportModule } from '../http/http-support.module';
import { KeysModule } from '../keys/keys.module';
import { OAuth2Module } from '../oauth2/oauth2.module';
import { ProviderMetadataModule } from '../provider-metadata/provider-metadata.module';
import { StorageModule } from '../storage/storage.module';

export interface AppModuleOptions {
  config: MasConfig;
  dataSource: DataSource;
}

/** The whole service: base and shared modules, then the surfaces. Imports only. */
@Module({})
export class AppModule {
  static register({ config, dataSource }: AppModuleOptions): DynamicModule {
    return {
      module: AppModule,
      imports: [
        MasConfigModule.forRoot(config),
        CoreModule,
        DatabaseModule.forDataSource(dataSource),
        StorageModule,
        KeysModule,
        HttpSupportModule,
        ProviderMetadataModule,
        DiscoveryModule,
        OAuth2Module,
        HealthModule,
      ],
    };
  }
}
