import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ulidToUuid } from '../ulid-column';
import { OAuth2ClientAssertionJtiEntity } from './oauth2-client-assertion.entity';

/** The replay store of JWT client assertion ids (`oauth2_client_assertion_jtis`). */
@Injectable()
export class OAuth2ClientAssertionRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Records `jti` as used by `clientId` until `expiresAt`, atomically. Returns false when the
   * pair is already recorded and not yet expired at `now` (a replay, RFC 7523 §3 item 7); an
   * expired leftover row is taken over. Safe across processes: the primary key decides.
   */
  async recordUse(clientId: string, jti: string, expiresAt: Date, now: Date): Promise<boolean> {
    const rows: unknown[] = await this.dataSource.query(
      `INSERT INTO oauth2_client_assertion_jtis (oauth2_client_id, jti, expires_at, created_at)
       VALUES ($1, $2, $3, $4)
       ON CONFLICT ON CONSTRAINT oauth2_client_assertion_jtis_pkey DO UPDATE
         SET expires_at = EXCLUDED.expires_at, created_at = EXCLUDED.created_at
         WHERE oauth2_client_assertion_jtis.expires_at <= EXCLUDED.created_at
       RETURNING jti`,
      [ulidToUuid(clientId), jti, expiresAt, now],
    );
    return rows.length === 1;
  }

  /** Deletes every row that expired at or before `now`; returns how many went (0 when none). */
  async purgeExpired(now: Date): Promise<number> {
    const result = await this.dataSource
      .createQueryBuilder()
      .delete()
      .from(OAuth2ClientAssertionJtiEntity)
      .where('expires_at <= :now', { now })
      .execute();
    return result.affected ?? 0;
  }
}
