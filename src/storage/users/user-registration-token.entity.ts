import { Check, Column, Entity, Index, Unique } from 'typeorm';
import { Sha256Column, TextColumn, TimestampColumn } from '../columns';
import { UlidPrimaryColumn } from '../ulid-column';

/**
 * An admin-issued token that allows registration. Mirrors MAS `user_registration_tokens`, but
 * instead of the clear-text `token` it keeps `token_sha256` (unique, for lookup) and
 * `encrypted_token` (AES-GCM with `secrets.encryption`, so admins can still list tokens).
 */
@Entity({ name: 'user_registration_tokens' })
@Unique('user_registration_tokens_token_sha256_key', ['tokenSha256'])
@Check('user_registration_tokens_token_sha256_check', 'octet_length(token_sha256) = 32')
@Index('user_registration_tokens_usage_limit_idx', ['usageLimit'])
@Index('user_registration_tokens_times_used_idx', ['timesUsed'])
@Index('user_registration_tokens_created_at_idx', ['createdAt'])
@Index('user_registration_tokens_last_used_at_idx', ['lastUsedAt'])
@Index('user_registration_tokens_expires_at_idx', ['expiresAt'])
@Index('user_registration_tokens_revoked_at_idx', ['revokedAt'])
export class UserRegistrationTokenEntity {
  @UlidPrimaryColumn('user_registration_token_id', 'user_registration_tokens_pkey')
  id!: string;

  @Sha256Column('token_sha256')
  tokenSha256!: Buffer;

  @TextColumn('encrypted_token')
  encryptedToken!: string;

  @Column({ type: 'integer', name: 'usage_limit', nullable: true })
  usageLimit!: number | null;

  @Column({ type: 'integer', name: 'times_used', default: 0 })
  timesUsed!: number;

  @TimestampColumn('created_at')
  createdAt!: Date;

  @TimestampColumn('last_used_at', { nullable: true })
  lastUsedAt!: Date | null;

  @TimestampColumn('expires_at', { nullable: true })
  expiresAt!: Date | null;

  @TimestampColumn('revoked_at', { nullable: true })
  revokedAt!: Date | null;
}
