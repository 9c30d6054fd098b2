import { type DynamicModule, Module } from '@nestjs/common';
import { SessionsModule } from '../sessions';
import type { AppModuleOptions } from './app.module';
import { baseModules } from './base-modules';

/**
 * What the `manage` commands that start or end sessions need: no surface, no worker (jobs are
 * only enqueued, for the server's or a worker's workers to run). Imports only.
 */
@Module({})
export class ManageModule {
  static register(options: AppModuleOptions): DynamicModule {
    return { module: ManageModule, imports: [...baseModules(options), SessionsModule] };
  }
}
