import { Check, Entity, ForeignKey, Index, Unique } from 'typeorm';
import { Sha256Column, TimestampColumn } from '../columns';
import { UlidColumn, UlidPrimaryColumn } from '../ulid-column';
import { PersonalSessionEntity } from './personal-session.entity';

/**
 * A personal access token (`mpt_…`), stored as its SHA-256 as MAS does. At most one
 * non-revoked token per session (partial unique index). Mirrors MAS `personal_access_tokens`.
 */
@Entity({ name: 'personal_access_tokens' })
@Unique('personal_access_tokens_access_token_sha256_key', ['accessTokenSha256'])
@Check('personal_access_tokens_access_token_sha256_check', 'octet_length(access_token_sha256) = 32')
@Index('personal_access_tokens_personal_session_id_idx', ['personalSessionId'], {
  unique: true,
  where: 'revoked_at IS NULL',
})
export class PersonalAccessTokenEntity {
  @UlidPrimaryColumn('personal_access_token_id', 'personal_access_tokens_pkey')
  id!: string;

  @UlidColumn('personal_session_id')
  @ForeignKey(() => PersonalSessionEntity, {
    name: 'personal_access_tokens_personal_session_id_fkey',
  })
  personalSessionId!: string;

  @Sha256Column('access_token_sha256')
  accessTokenSha256!: Buffer;

  @TimestampColumn('created_at')
  createdAt!: Date;

  @TimestampColumn('expires_at', { nullable: true })
  expiresAt!: Date | null;

  @TimestampColumn('revoked_at', { nullable: true })
  revokedAt!: Date | null;
}
