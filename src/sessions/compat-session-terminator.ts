import { Injectable } from '@nestjs/common';
import { Clock } from '../core';
import { TransactionRunner, type Tx } from '../database/transaction';
import { DeviceSync } from '../homeserver/device-sync.service';
import { CompatSessionRepository } from '../storage/compat/compat-session.repository';

/**
 * Ends a compat (legacy Matrix login) session: finished, which makes every token of it
 * inactive, and a `sync-devices` job enqueued in the same transaction so its device is deleted
 * on the homeserver (MAS compat/logout.rs schedules `SyncDevicesJob`). Never waits for the
 * homeserver; the job retries until the sync lands.
 */
@Injectable()
export class CompatSessionTerminator {
  constructor(
    private readonly clock: Clock,
    private readonly tx: TransactionRunner,
    private readonly sessions: CompatSessionRepository,
    private readonly deviceSync: DeviceSync,
  ) {}

  /** Idempotent: ending a finished session changes nothing and syncs nothing. */
  async end(sessionId: string): Promise<void> {
    await this.tx.run((t) => this.endIn(sessionId, t));
  }

  /** As {@link end}, inside the caller's transaction; true when it finished the session. */
  async endIn(sessionId: string, t: Tx): Promise<boolean> {
    if (!(await this.sessions.finish(sessionId, this.clock.now(), t))) return false;
    const ended = await this.sessions.findById(sessionId, t);
    if (ended?.deviceId) await this.deviceSync.requestSync(ended.userId, t);
    return true;
  }
}
