import { type DynamicModule, Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { DatabasePing } from './database-ping';
import { TransactionRunner } from './transaction';

/**
 * Hands an already connected and migrated DataSource to Nest (connection, retry and migration
 * happen before the application starts, see `cli/commands/server.command.ts`).
 */
@Global()
@Module({})
export class DatabaseModule {
  static forDataSource(dataSource: DataSource): DynamicModule {
    return {
      module: DatabaseModule,
      imports: [
        TypeOrmModule.forRootAsync({
          useFactory: () => dataSource.options,
          dataSourceFactory: () => Promise.resolve(dataSource),
        }),
      ],
      providers: [DatabasePing, TransactionRunner],
      exports: [DatabasePing, TransactionRunner],
    };
  }
}
