import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';

declare const TX: unique symbol;

/**
 * An open database transaction, opaque to services: they pass it to repository methods, which
 * run their statements inside it. Services never see the ORM.
 */
export interface Tx {
  readonly [TX]: true;
}

/** The ORM handle behind a Tx; for repositories only. */
export function managerOf(tx: Tx | undefined, dataSource: DataSource): EntityManager {
  return tx ? (tx as unknown as EntityManager) : dataSource.manager;
}

/** Runs work in one transaction: all of it commits, or none of it on a throw. */
@Injectable()
export class TransactionRunner {
  constructor(private readonly dataSource: DataSource) {}

  run<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
    return this.dataSource.transaction((manager) => work(manager as unknown as Tx));
  }
}
