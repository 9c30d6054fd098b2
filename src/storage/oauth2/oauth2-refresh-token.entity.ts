import { Check, Entity, ForeignKey, Index, Unique } from 'typeorm';
import { Sha256Column, TimestampColumn } from '../columns';
import { UlidColumn, UlidPrimaryColumn } from '../ulid-column';
import { OAuth2AccessTokenEntity } from './oauth2-access-token.entity';
import { OAuth2SessionEntity } from './oauth2-session.entity';

/**
 * An OAuth 2.0 refresh token (`mar_…`): Valid, Consumed (with its successor) or Revoked.
 * Mirrors MAS `oauth2_refresh_tokens`, but stores `refresh_token_sha256` instead of the token.
 */
@Entity({ name: 'oauth2_refresh_tokens' })
@Unique('oauth2_refresh_tokens_refresh_token_sha256_key', ['refreshTokenSha256'])
@Check(
  'oauth2_refresh_tokens_refresh_token_sha256_check',
  'octet_length(refresh_token_sha256) = 32',
)
@Index('oauth2_refresh_tokens_session_fk', ['oauth2SessionId'])
@Index('oauth2_refresh_tokens_access_token_fk', ['oauth2AccessTokenId'])
@Index('oauth2_refresh_tokens_next_refresh_token_fk', ['nextOAuth2RefreshTokenId'])
@Index('oauth_refresh_tokens_revoked_at_idx', ['revokedAt'], { where: 'revoked_at IS NOT NULL' })
@Index('oauth_refresh_token_consumed_at_idx', ['consumedAt', 'nextOAuth2RefreshTokenId', 'id'], {
  where: 'consumed_at IS NOT NULL',
})
export class OAuth2RefreshTokenEntity {
  @UlidPrimaryColumn('oauth2_refresh_token_id', 'oauth2_refresh_tokens_pkey')
  id!: string;

  @UlidColumn('oauth2_session_id')
  @ForeignKey(() => OAuth2SessionEntity, { name: 'oauth2_refresh_tokens_oauth2_session_id_fkey' })
  oauth2SessionId!: string;

  @UlidColumn('oauth2_access_token_id', { nullable: true })
  @ForeignKey(() => OAuth2AccessTokenEntity, {
    name: 'oauth2_refresh_tokens_oauth2_access_token_id_fkey',
    onDelete: 'SET NULL',
  })
  oauth2AccessTokenId!: string | null;

  @Sha256Column('refresh_token_sha256')
  refreshTokenSha256!: Buffer;

  @TimestampColumn('created_at')
  createdAt!: Date;

  @TimestampColumn('consumed_at', { nullable: true })
  consumedAt!: Date | null;

  @TimestampColumn('revoked_at', { nullable: true })
  revokedAt!: Date | null;

  /** The token that replaced this one when it was consumed. */
  @UlidColumn('next_oauth2_refresh_token_id', { nullable: true })
  @ForeignKey(() => OAuth2RefreshTokenEntity, {
    name: 'oauth2_refresh_tokens_next_oauth2_refresh_token_id_fkey',
    onDelete: 'SET NULL',
  })
  nextOAuth2RefreshTokenId!: string | null;
}
