import { Check, Entity, ForeignKey, Index, Unique } from 'typeorm';
import { Sha256Column, TimestampColumn } from '../columns';
import { UlidColumn, UlidPrimaryColumn } from '../ulid-column';
import { OAuth2SessionEntity } from './oauth2-session.entity';

/**
 * An OAuth 2.0 access token (`mat_…`). Mirrors MAS `oauth2_access_tokens`, but stores
 * `access_token_sha256` instead of the token.
 */
@Entity({ name: 'oauth2_access_tokens' })
@Unique('oauth2_access_tokens_access_token_sha256_key', ['accessTokenSha256'])
@Check('oauth2_access_tokens_access_token_sha256_check', 'octet_length(access_token_sha256) = 32')
@Index('oauth2_access_tokens_session_fk', ['oauth2SessionId'])
@Index('oauth_access_tokens_expires_at_idx', ['expiresAt'], { where: 'expires_at IS NOT NULL' })
@Index('oauth_access_tokens_revoked_at_idx', ['revokedAt'], { where: 'revoked_at IS NOT NULL' })
export class OAuth2AccessTokenEntity {
  @UlidPrimaryColumn('oauth2_access_token_id', 'oauth2_access_tokens_pkey')
  id!: string;

  @UlidColumn('oauth2_session_id')
  @ForeignKey(() => OAuth2SessionEntity, { name: 'oauth2_access_tokens_oauth2_session_id_fkey' })
  oauth2SessionId!: string;

  @Sha256Column('access_token_sha256')
  accessTokenSha256!: Buffer;

  @TimestampColumn('created_at')
  createdAt!: Date;

  @TimestampColumn('expires_at', { nullable: true })
  expiresAt!: Date | null;

  @TimestampColumn('revoked_at', { nullable: true })
  revokedAt!: Date | null;

  @TimestampColumn('first_used_at', { nullable: true })
  firstUsedAt!: Date | null;
}
