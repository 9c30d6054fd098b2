import { Check, Entity, ForeignKey, Index, Unique } from 'typeorm';
import { Sha256Column, TimestampColumn } from '../columns';
import { UlidColumn, UlidPrimaryColumn } from '../ulid-column';
import { CompatSessionEntity } from './compat-session.entity';

/**
 * A compat access token (`mct_…`, or `syt_…` imported from Synapse). Mirrors MAS
 * `compat_access_tokens`, but stores `access_token_sha256` instead of the token.
 */
@Entity({ name: 'compat_access_tokens' })
@Unique('compat_access_tokens_access_token_sha256_key', ['accessTokenSha256'])
@Check('compat_access_tokens_access_token_sha256_check', 'octet_length(access_token_sha256) = 32')
@Index('compat_access_tokens_session_fk', ['compatSessionId'])
export class CompatAccessTokenEntity {
  @UlidPrimaryColumn('compat_access_token_id', 'compat_access_tokens_pkey')
  id!: string;

  @UlidColumn('compat_session_id')
  @ForeignKey(() => CompatSessionEntity, { name: 'compat_access_tokens_compat_session_id_fkey' })
  compatSessionId!: string;

  @Sha256Column('access_token_sha256')
  accessTokenSha256!: Buffer;

  @TimestampColumn('created_at')
  createdAt!: Date;

  @TimestampColumn('expires_at', { nullable: true })
  expiresAt!: Date | null;
}
