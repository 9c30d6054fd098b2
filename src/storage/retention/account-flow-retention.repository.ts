import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { runBatch } from './batch-statement';

/** Tables of the sign-up, recovery and upstream sign-in flows, by what the cleanup removes. */
const BY_CREATION = {
  registrations: { table: 'user_registrations', id: 'user_registration_id' },
  recoverySessions: { table: 'user_recovery_sessions', id: 'user_recovery_session_id' },
  emailAuthentications: {
    table: 'user_email_authentications',
    id: 'user_email_authentication_id',
  },
} as const;

/**
 * Hard-deletes the leftovers of account flows past their retention: registrations, recovery
 * sessions, email authentications, and upstream sessions and links that belong to nobody (MAS
 * docs/development/cleanup-jobs.md). Each method deletes at most `limit` rows, oldest first,
 * and returns how many (0 when none is old enough).
 */
@Injectable()
export class AccountFlowRetentionRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Registrations created before `before`, finished or not (with their email authentications). */
  deleteRegistrations(before: Date, limit: number): Promise<number> {
    return this.deleteCreatedBefore('registrations', before, limit);
  }

  /** Recovery sessions created before `before`, with their tickets. */
  deleteRecoverySessions(before: Date, limit: number): Promise<number> {
    return this.deleteCreatedBefore('recoverySessions', before, limit);
  }

  /** Email authentications created before `before`, with their codes. */
  deleteEmailAuthentications(before: Date, limit: number): Promise<number> {
    return this.deleteCreatedBefore('emailAuthentications', before, limit);
  }

  private deleteCreatedBefore(
    kind: keyof typeof BY_CREATION,
    before: Date,
    limit: number,
  ): Promise<number> {
    const { table, id } = BY_CREATION[kind];
    return runBatch(
      this.dataSource,
      `WITH doomed AS (
         SELECT ${id} FROM ${table} WHERE created_at < $1
         ORDER BY created_at LIMIT $2 FOR UPDATE SKIP LOCKED),
       changed AS (DELETE FROM ${table} t USING doomed d WHERE t.${id} = d.${id} RETURNING 1)`,
      before,
      limit,
    );
  }

  /**
   * Upstream authorization sessions created before `before` that lead to no browser session:
   * never completed, or whose browser session was cleaned up.
   */
  deleteOrphanedUpstreamSessions(before: Date, limit: number): Promise<number> {
    return runBatch(
      this.dataSource,
      `WITH doomed AS (
         SELECT upstream_oauth_authorization_session_id FROM upstream_oauth_authorization_sessions
         WHERE user_session_id IS NULL AND created_at < $1
         ORDER BY created_at LIMIT $2 FOR UPDATE SKIP LOCKED),
       changed AS (DELETE FROM upstream_oauth_authorization_sessions s USING doomed d
         WHERE s.upstream_oauth_authorization_session_id = d.upstream_oauth_authorization_session_id
         RETURNING 1)`,
      before,
      limit,
    );
  }

  /**
   * Upstream links created before `before` that were never tied to a user, once no upstream
   * session refers to them.
   */
  deleteOrphanedUpstreamLinks(before: Date, limit: number): Promise<number> {
    return runBatch(
      this.dataSource,
      `WITH doomed AS (
         SELECT l.upstream_oauth_link_id FROM upstream_oauth_links l
         WHERE l.user_id IS NULL AND l.created_at < $1
           AND NOT EXISTS (SELECT 1 FROM upstream_oauth_authorization_sessions s
                           WHERE s.upstream_oauth_link_id = l.upstream_oauth_link_id)
         ORDER BY l.created_at LIMIT $2 FOR UPDATE OF l SKIP LOCKED),
       changed AS (DELETE FROM upstream_oauth_links l USING doomed d
         WHERE l.upstream_oauth_link_id = d.upstream_oauth_link_id RETURNING 1)`,
      before,
      limit,
    );
  }
}
