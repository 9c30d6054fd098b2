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

/** Hooks to run once the transaction of a TransactionRunner commits, keyed by its manager. */
const commitHooks = new WeakMap<object, (() => void)[]>();

/**
 * Runs `hook` once `tx` has committed, never when it rolls back. Returns false, registering
 * nothing, when `tx` was not opened by a TransactionRunner (its commit cannot be observed).
 * Hooks are for nudges such as waking a job worker: they must not throw (a throw is ignored).
 */
export function afterCommit(tx: Tx, hook: () => void): boolean {
  const hooks = commitHooks.get(tx);
  if (!hooks) return false;
  hooks.push(hook);
  return true;
}

/** Runs work in one transaction: all of it commits, or none of it on a throw. */
@Injectable()
export class TransactionRunner {
  constructor(private readonly dataSource: DataSource) {}

  async run<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
    const hooks: (() => void)[] = [];
    const result = await this.dataSource.transaction(async (manager) => {
      commitHooks.set(manager, hooks);
      try {
        return await work(manager as unknown as Tx);
      } finally {
        commitHooks.delete(manager);
      }
    });
    for (const hook of hooks) {
      try {
        hook();
      } catch {
        // A nudge that failed changes nothing that committed.
      }
    }
    return result;
  }
}
