import { Injectable } from '@nestjs/common';
import { DataSource, IsNull } from 'typeorm';
import { managerOf, type Tx } from '../../database/transaction';
import { type SessionActivity, updateSessionActivity } from '../session-activity';
import { PersonalSessionEntity } from './personal-session.entity';

/** Personal sessions (`personal_sessions`), created by administrators. */
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

  /**
   * The scope lists of the unrevoked sessions acting as the user, whoever owns them; empty
   * when there are none.
   */
  async listActiveScopesOfActor(userId: string, tx?: Tx): Promise<string[][]> {
    const rows = await managerOf(tx, this.dataSource).find(PersonalSessionEntity, {
      select: { id: true, scopeList: true },
      where: { actorUserId: userId, revokedAt: IsNull() },
    });
    return rows.map((row) => row.scopeList);
  }
}
