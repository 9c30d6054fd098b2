import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { managerOf, type Tx } from '../../database/transaction';
import { type SessionActivity, updateSessionActivity } from '../session-activity';

/** Admin-issued personal sessions (`personal_sessions`). */
@Injectable()
export class PersonalSessionRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Records the latest activity of many sessions in one multi-row UPDATE (never moving
   * `last_active_at` backwards); ids of unknown sessions are skipped. Returns how many changed.
   */
  recordActivity(entries: readonly SessionActivity[], tx?: Tx): Promise<number> {
    return updateSessionActivity(
      managerOf(tx, this.dataSource),
      { table: 'personal_sessions', id: 'personal_session_id' },
      entries,
    );
  }
}
