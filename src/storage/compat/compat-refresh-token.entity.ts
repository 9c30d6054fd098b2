import { Check, Entity, ForeignKey, Index, Unique } from 'typeorm';
import { Sha256Column, TimestampColumn } from '../columns';
import { UlidColumn, UlidPrimaryColumn } from '../ulid-column';
import { CompatAccessTokenEntity } from './compat-access-token.entity';
import { CompatSessionEntity } from './compat-session.entity';

/**
 * A compat refresh token (`mcr_…`, or `syr_…` imported from Synapse). Mirrors MAS
 * `compat_refresh_tokens`, but stores `refresh_token_sha256` instead of the token.
 */
@Entity({ name: 'compat_refresh_tokens' })
@Unique('compat_refresh_tokens_refresh_token_sha256_key', ['refreshTokenSha256'])
@Check(
  'compat_refresh_tokens_refresh_token_sha256_check',
  'octet_length(refresh_token_sha256) = 32',
)
@Index('compat_refresh_tokens_session_fk', ['compatSessionId'])
@Index('compat_refresh_tokens_access_token_fk', ['compatAccessTokenId'])
export class CompatRefreshTokenEntity {
  @UlidPrimaryColumn('compat_refresh_token_id', 'compat_refresh_tokens_pkey')
  id!: string;

  @UlidColumn('compat_session_id')
  @ForeignKey(() => CompatSessionEntity, { name: 'compat_refresh_tokens_compat_session_id_fkey' })
  compatSessionId!: string;

  @UlidColumn('compat_access_token_id')
  @ForeignKey(() => CompatAccessTokenEntity, {
    name: 'compat_refresh_tokens_compat_access_token_id_fkey',
  })
  compatAccessTokenId!: string;

  @Sha256Column('refresh_token_sha256')
  refreshTokenSha256!: Buffer;

  @TimestampColumn('created_at')
  createdAt!: Date;

  @TimestampColumn('consumed_at', { nullable: true })
  consumedAt!: Date | null;
}
