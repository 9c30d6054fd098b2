import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { uuidToUlid } from '../ulid-column';

/**
 * Finishes sessions nobody has used for a while (`experimental.inactive_session_expiration`,
 * MAS `ExpireInactive{OAuth,Compat,User}SessionsJob`). A session counts as inactive when its
 * `last_active_at` is before the threshold; a session with no recorded activity is left alone,
 * as in MAS. Each method finishes at most `limit` sessions, least recently active first.
 */
@Injectable()
export class InactiveSessionRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Finishes unfinished OAuth 2.0 sessions of dynamically registered clients (static clients
   * are the deployment's own, as in MAS) last active before `before`; returns the user of each
   * finished session (null for a client_credentials session). Empty when none is inactive.
   */
  finishOAuth2Sessions(before: Date, now: Date, limit: number): Promise<(string | null)[]> {
    return this.finish(
      `WITH doomed AS (
         SELECT s.oauth2_session_id FROM oauth2_sessions s
           JOIN oauth2_clients c ON c.oauth2_client_id = s.oauth2_client_id
         WHERE s.finished_at IS NULL AND s.last_active_at < $1 AND NOT c.is_static
         ORDER BY s.last_active_at LIMIT $3 FOR UPDATE OF s SKIP LOCKED),
       changed AS (UPDATE oauth2_sessions s SET finished_at = $2 FROM doomed d
        WHERE s.oauth2_session_id = d.oauth2_session_id RETURNING s.user_id)
       SELECT user_id::text AS user_id FROM changed`,
      before,
      now,
      limit,
    );
  }

  /** Finishes compat sessions last active before `before`; returns the user of each. */
  finishCompatSessions(before: Date, now: Date, limit: number): Promise<(string | null)[]> {
    return this.finish(
      `WITH doomed AS (
         SELECT compat_session_id FROM compat_sessions
         WHERE finished_at IS NULL AND last_active_at < $1
         ORDER BY last_active_at LIMIT $3 FOR UPDATE SKIP LOCKED),
       changed AS (UPDATE compat_sessions s SET finished_at = $2 FROM doomed d
        WHERE s.compat_session_id = d.compat_session_id RETURNING s.user_id)
       SELECT user_id::text AS user_id FROM changed`,
      before,
      now,
      limit,
    );
  }

  /** Finishes browser sessions last active before `before`; returns the user of each. */
  finishUserSessions(before: Date, now: Date, limit: number): Promise<(string | null)[]> {
    return this.finish(
      `WITH doomed AS (
         SELECT user_session_id FROM user_sessions
         WHERE finished_at IS NULL AND last_active_at < $1
         ORDER BY last_active_at LIMIT $3 FOR UPDATE SKIP LOCKED),
       changed AS (UPDATE user_sessions s SET finished_at = $2 FROM doomed d
        WHERE s.user_session_id = d.user_session_id RETURNING s.user_id)
       SELECT user_id::text AS user_id FROM changed`,
      before,
      now,
      limit,
    );
  }

  private async finish(
    sql: string,
    before: Date,
    now: Date,
    limit: number,
  ): Promise<(string | null)[]> {
    const rows: { user_id: string | null }[] = await this.dataSource.query(sql, [
      before,
      now,
      limit,
    ]);
    return rows.map((r) => (r.user_id === null ? null : uuidToUlid(r.user_id)));
  }
}
