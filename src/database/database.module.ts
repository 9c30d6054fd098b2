import { type DynamicModule, Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { CrossProcessLock, crossProcessLockFor } from './cross-process-lock';
import type { DatabaseAccess } from './database-access';
import { DatabasePing } from './database-ping';
import { TransactionRunner } from './transaction';

/**
 * Hands an already connected and migrated DataSource to Nest (connection, retry and migration
 * happen before the application starts, see `cli/commands/server.command.ts`), with the
 * cross-process lock for the same database.
 */
@Global()
@Module({})
export class DatabaseModule {
  static forDataSource(dataSource: DataSource, access: DatabaseAccess): DynamicModule {
    return {
      module: DatabaseModule,
      imports: [
        TypeOrmModule.forRootAsync({
          useFactory: () => dataSource.options,
          dataSourceFactory: () => Promise.resolve(dataSource),
        }),
      ],
      providers: [
        DatabasePing,
        TransactionRunner,
        { provide: CrossProcessLock, useFactory: () => crossProcessLockFor(access) },
      ],
      exports: [DatabasePing, TransactionRunner, CrossProcessLock],
    };
  }
}
