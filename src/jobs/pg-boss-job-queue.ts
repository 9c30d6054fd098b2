import { Injectable } from '@nestjs/common';
import type PgBoss from 'pg-boss';
import { DataSource } from 'typeorm';
import { afterCommit, managerOf, type Tx } from '../database/transaction';
import { type JobName, type JobPayloads, QUEUES, type QueueDefinition } from './job-definitions';
import { type EnqueueOptions, JobQueue } from './job-queue';
import { JobsEngine } from './jobs-engine';

/** pg-boss's executor for statements that must run inside the caller's transaction. */
function executorIn(tx: Tx, dataSource: DataSource): PgBoss.Db {
  return {
    executeSql: async (text: string, values: unknown[]) => ({
      rows: await managerOf(tx, dataSource).query<unknown[]>(text, values),
    }),
  };
}

/** JobQueue on pg-boss (jobs-engine.ts): `send` with the queue's singleton key. */
@Injectable()
export class PgBossJobQueue extends JobQueue {
  constructor(
    private readonly engine: JobsEngine,
    private readonly dataSource: DataSource,
  ) {
    super();
  }

  async enqueue<N extends JobName>(
    name: N,
    payload: JobPayloads[N],
    options: EnqueueOptions = {},
  ): Promise<string | null> {
    const definition = QUEUES[name] as QueueDefinition<N>;
    const send: PgBoss.SendOptions = {};
    const key = definition.singletonKey?.(payload);
    if (key !== undefined) send.singletonKey = key;
    if (options.startAfterSeconds !== undefined) send.startAfter = options.startAfterSeconds;
    if (options.tx) send.db = executorIn(options.tx, this.dataSource);
    const id = await this.engine.pgBoss.send(name, payload as object, send);
    if (id !== null) {
      // A job sent inside a transaction is visible once it commits.
      if (!options.tx) this.engine.wake(name);
      else afterCommit(options.tx, () => this.engine.wake(name));
    }
    return id;
  }
}
