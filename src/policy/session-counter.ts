import { Injectable } from '@nestjs/common';
import type { Tx } from '../database/transaction';
import { ActiveUserSessionsRepository } from '../storage/sessions/active-user-sessions.repository';
import type { SessionCounts } from './common/session-limit';

/**
 * The session counts the session limit is judged on (MAS handlers/src/session.rs
 * `count_user_sessions_for_limiting`): active OAuth 2.0 + active compat + active personal
 * sessions the user owns and acts as.
 */
@Injectable()
export class SessionCounter {
  constructor(private readonly sessions: ActiveUserSessionsRepository) {}

  async countForLimiting(userId: string, tx?: Tx): Promise<SessionCounts> {
    const c = await this.sessions.countForLimiting(userId, tx);
    return { total: c.oauth2 + c.compat + c.personal, ...c };
  }
}
