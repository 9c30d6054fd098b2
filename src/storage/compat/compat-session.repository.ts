import { Injectable } from '@nestjs/common';
import { DataSource, IsNull, Not } from 'typeorm';
import { managerOf, type Tx } from '../../database/transaction';
import { type SessionActivity, updateSessionActivity } from '../session-activity';
import { CompatSessionEntity } from './compat-session.entity';

/** Legacy Matrix login sessions (`compat_sessions`). */
@Injectable()
export class CompatSessionRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Records the latest activity of many sessions in one multi-row UPDATE (never moving
   * `last_active_at` backwards); ids of unknown sessions are skipped. Returns how many changed.
   */
  recordActivity(entries: readonly SessionActivity[], tx?: Tx): Promise<number> {
    return updateSessionActivity(
      managerOf(tx, this.dataSource),
      { table: 'compat_sessions', id: 'compat_session_id' },
      entries,
    );
  }

  /** The device ids of the user's unfinished sessions; empty when they have none. */
  async listActiveDeviceIdsOfUser(userId: string, tx?: Tx): Promise<string[]> {
    const rows = await managerOf(tx, this.dataSource).find(CompatSessionEntity, {
      select: { id: true, deviceId: true },
      where: { userId, finishedAt: IsNull(), deviceId: Not(IsNull()) },
    });
    return rows.flatMap((row) => (row.deviceId === null ? [] : [row.deviceId]));
  }
}
