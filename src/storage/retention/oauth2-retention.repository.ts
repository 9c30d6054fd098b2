import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { runBatch } from './batch-statement';

/**
 * Hard-deletes OAuth 2.0 rows past their retention (MAS docs/development/cleanup-jobs.md). Each
 * method deletes at most `limit` rows, oldest first, and returns how many it deleted (0 when
 * none is old enough).
 */
@Injectable()
export class OAuth2RetentionRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Access tokens revoked before `before`. */
  deleteRevokedAccessTokens(before: Date, limit: number): Promise<number> {
    return this.deleteTokens(
      'oauth2_access_tokens',
      'oauth2_access_token_id',
      'revoked_at',
      before,
      limit,
    );
  }

  /** Access tokens that expired before `before`. */
  deleteExpiredAccessTokens(before: Date, limit: number): Promise<number> {
    return this.deleteTokens(
      'oauth2_access_tokens',
      'oauth2_access_token_id',
      'expires_at',
      before,
      limit,
    );
  }

  /** Refresh tokens revoked before `before`. */
  deleteRevokedRefreshTokens(before: Date, limit: number): Promise<number> {
    return this.deleteTokens(
      'oauth2_refresh_tokens',
      'oauth2_refresh_token_id',
      'revoked_at',
      before,
      limit,
    );
  }

  /** Refresh tokens consumed (rotated) before `before`. */
  deleteConsumedRefreshTokens(before: Date, limit: number): Promise<number> {
    return this.deleteTokens(
      'oauth2_refresh_tokens',
      'oauth2_refresh_token_id',
      'consumed_at',
      before,
      limit,
    );
  }

  private deleteTokens(
    table: string,
    id: string,
    column: string,
    before: Date,
    limit: number,
  ): Promise<number> {
    return runBatch(
      this.dataSource,
      `WITH doomed AS (
         SELECT ${id} FROM ${table} WHERE ${column} < $1
         ORDER BY ${column} LIMIT $2 FOR UPDATE SKIP LOCKED),
       changed AS (DELETE FROM ${table} t USING doomed d WHERE t.${id} = d.${id} RETURNING 1)`,
      before,
      limit,
    );
  }

  /**
   * Sessions finished before `before`, with their tokens and the authorization grants that
   * created them (device code grants go by cascade).
   */
  deleteFinishedSessions(before: Date, limit: number): Promise<number> {
    return runBatch(
      this.dataSource,
      `WITH doomed AS (
         SELECT oauth2_session_id FROM oauth2_sessions WHERE finished_at < $1
         ORDER BY finished_at LIMIT $2 FOR UPDATE SKIP LOCKED),
       refresh AS (DELETE FROM oauth2_refresh_tokens
         WHERE oauth2_session_id IN (SELECT oauth2_session_id FROM doomed)),
       access AS (DELETE FROM oauth2_access_tokens
         WHERE oauth2_session_id IN (SELECT oauth2_session_id FROM doomed)),
       grants AS (DELETE FROM oauth2_authorization_grants
         WHERE oauth2_session_id IN (SELECT oauth2_session_id FROM doomed)),
       changed AS (DELETE FROM oauth2_sessions s USING doomed d
         WHERE s.oauth2_session_id = d.oauth2_session_id RETURNING 1)`,
      before,
      limit,
    );
  }

  /** Authorization grants created before `before`, whatever their state. */
  deleteAuthorizationGrants(before: Date, limit: number): Promise<number> {
    return runBatch(
      this.dataSource,
      `WITH doomed AS (
         SELECT oauth2_authorization_grant_id FROM oauth2_authorization_grants
         WHERE created_at < $1 ORDER BY created_at LIMIT $2 FOR UPDATE SKIP LOCKED),
       changed AS (DELETE FROM oauth2_authorization_grants g USING doomed d
         WHERE g.oauth2_authorization_grant_id = d.oauth2_authorization_grant_id RETURNING 1)`,
      before,
      limit,
    );
  }

  /** Device code grants (RFC 8628) created before `before`, whatever their state. */
  deleteDeviceCodeGrants(before: Date, limit: number): Promise<number> {
    return runBatch(
      this.dataSource,
      `WITH doomed AS (
         SELECT oauth2_device_code_grant_id FROM oauth2_device_code_grant
         WHERE created_at < $1 ORDER BY created_at LIMIT $2 FOR UPDATE SKIP LOCKED),
       changed AS (DELETE FROM oauth2_device_code_grant g USING doomed d
         WHERE g.oauth2_device_code_grant_id = d.oauth2_device_code_grant_id RETURNING 1)`,
      before,
      limit,
    );
  }

  /**
   * Replay-store rows of client assertions (RFC 7523 §3 item 7) that expired at or before
   * `now`: an expired assertion is refused on its `exp` alone.
   */
  deleteExpiredClientAssertionJtis(now: Date, limit: number): Promise<number> {
    return runBatch(
      this.dataSource,
      `WITH doomed AS (
         SELECT oauth2_client_id, jti FROM oauth2_client_assertion_jtis WHERE expires_at <= $1
         ORDER BY expires_at LIMIT $2 FOR UPDATE SKIP LOCKED),
       changed AS (DELETE FROM oauth2_client_assertion_jtis j USING doomed d
         WHERE j.oauth2_client_id = d.oauth2_client_id AND j.jti = d.jti RETURNING 1)`,
      now,
      limit,
    );
  }
}
