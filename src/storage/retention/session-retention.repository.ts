import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { runBatch } from './batch-statement';

/** The session tables whose `last_active_ip` is cleared after inactivity. */
export type SessionKindWithIp = 'oauth2' | 'compat' | 'user';

const IP_TABLES: Record<SessionKindWithIp, { table: string; id: string }> = {
  oauth2: { table: 'oauth2_sessions', id: 'oauth2_session_id' },
  compat: { table: 'compat_sessions', id: 'compat_session_id' },
  user: { table: 'user_sessions', id: 'user_session_id' },
};

/**
 * Hard-deletes finished compat and browser sessions past their retention and forgets the
 * addresses of inactive sessions (MAS docs/development/cleanup-jobs.md). Each method changes at
 * most `limit` rows, oldest first, and returns how many (0 when none is old enough).
 */
@Injectable()
export class SessionRetentionRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Compat sessions finished before `before`, with their access and refresh tokens. */
  deleteFinishedCompatSessions(before: Date, limit: number): Promise<number> {
    return runBatch(
      this.dataSource,
      `WITH doomed AS (
         SELECT compat_session_id FROM compat_sessions WHERE finished_at < $1
         ORDER BY finished_at LIMIT $2 FOR UPDATE SKIP LOCKED),
       refresh AS (DELETE FROM compat_refresh_tokens
         WHERE compat_session_id IN (SELECT compat_session_id FROM doomed)),
       access AS (DELETE FROM compat_access_tokens
         WHERE compat_session_id IN (SELECT compat_session_id FROM doomed)),
       changed AS (DELETE FROM compat_sessions s USING doomed d
         WHERE s.compat_session_id = d.compat_session_id RETURNING 1)`,
      before,
      limit,
    );
  }

  /**
   * Browser sessions finished before `before` that no OAuth 2.0 session, compat session or
   * device code grant refers to any more, with their authentication records. The references
   * keep the chain that upstream back-channel logout follows; those sessions go once their
   * children are cleaned up.
   */
  deleteFinishedUserSessions(before: Date, limit: number): Promise<number> {
    return runBatch(
      this.dataSource,
      `WITH doomed AS (
         SELECT us.user_session_id FROM user_sessions us
         WHERE us.finished_at < $1
           AND NOT EXISTS (SELECT 1 FROM oauth2_sessions o WHERE o.user_session_id = us.user_session_id)
           AND NOT EXISTS (SELECT 1 FROM compat_sessions c WHERE c.user_session_id = us.user_session_id)
           AND NOT EXISTS (SELECT 1 FROM oauth2_device_code_grant g
                           WHERE g.user_session_id = us.user_session_id)
         ORDER BY us.finished_at LIMIT $2 FOR UPDATE OF us SKIP LOCKED),
       authentications AS (DELETE FROM user_session_authentications
         WHERE user_session_id IN (SELECT user_session_id FROM doomed)),
       changed AS (DELETE FROM user_sessions s USING doomed d
         WHERE s.user_session_id = d.user_session_id RETURNING 1)`,
      before,
      limit,
    );
  }

  /** Clears `last_active_ip` of sessions of `kind` last active before `before`. */
  clearInactiveIps(kind: SessionKindWithIp, before: Date, limit: number): Promise<number> {
    const { table, id } = IP_TABLES[kind];
    return runBatch(
      this.dataSource,
      `WITH doomed AS (
         SELECT ${id} FROM ${table}
         WHERE last_active_ip IS NOT NULL AND last_active_at < $1
         ORDER BY last_active_at LIMIT $2 FOR UPDATE SKIP LOCKED),
       changed AS (UPDATE ${table} t SET last_active_ip = NULL FROM doomed d
         WHERE t.${id} = d.${id} RETURNING 1)`,
      before,
      limit,
    );
  }
}
