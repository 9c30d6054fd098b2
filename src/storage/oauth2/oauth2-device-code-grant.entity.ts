import { Check, Column, Entity, ForeignKey, Index, Unique } from 'typeorm';
import {
  InetColumn,
  OptionalTextColumn,
  Sha256Column,
  TextColumn,
  TimestampColumn,
} from '../columns';
import { UlidColumn, UlidPrimaryColumn } from '../ulid-column';
import { UserSessionEntity } from '../browser-sessions/user-session.entity';
import { OAuth2ClientEntity } from './oauth2-client.entity';
import { OAuth2SessionEntity } from './oauth2-session.entity';

/**
 * A device authorization grant (RFC 8628): Pending, Fulfilled, Rejected or Exchanged. Mirrors
 * MAS `oauth2_device_code_grant`, but stores `device_code_sha256` and `user_code_sha256`.
 */
@Entity({ name: 'oauth2_device_code_grant' })
@Unique('oauth2_device_code_grant_device_code_sha256_key', ['deviceCodeSha256'])
@Unique('oauth2_device_code_grant_user_code_sha256_key', ['userCodeSha256'])
@Check('oauth2_device_code_grant_device_code_sha256_check', 'octet_length(device_code_sha256) = 32')
@Check('oauth2_device_code_grant_user_code_sha256_check', 'octet_length(user_code_sha256) = 32')
@Index('oauth2_device_code_grants_client_fk', ['oauth2ClientId'])
@Index('oauth2_device_code_grants_session_fk', ['oauth2SessionId'])
@Index('oauth2_device_code_grants_user_session_fk', ['userSessionId'])
export class OAuth2DeviceCodeGrantEntity {
  @UlidPrimaryColumn('oauth2_device_code_grant_id', 'oauth2_device_code_grant_pkey')
  id!: string;

  @UlidColumn('oauth2_client_id')
  @ForeignKey(() => OAuth2ClientEntity, {
    name: 'oauth2_device_code_grant_oauth2_client_id_fkey',
    onDelete: 'CASCADE',
  })
  oauth2ClientId!: string;

  @TextColumn('scope')
  scope!: string;

  @Sha256Column('user_code_sha256')
  userCodeSha256!: Buffer;

  @Sha256Column('device_code_sha256')
  deviceCodeSha256!: Buffer;

  @TimestampColumn('created_at')
  createdAt!: Date;

  @TimestampColumn('expires_at')
  expiresAt!: Date;

  @TimestampColumn('fulfilled_at', { nullable: true })
  fulfilledAt!: Date | null;

  @TimestampColumn('rejected_at', { nullable: true })
  rejectedAt!: Date | null;

  @TimestampColumn('exchanged_at', { nullable: true })
  exchangedAt!: Date | null;

  @UlidColumn('oauth2_session_id', { nullable: true })
  @ForeignKey(() => OAuth2SessionEntity, {
    name: 'oauth2_device_code_grant_oauth2_session_id_fkey',
    onDelete: 'CASCADE',
  })
  oauth2SessionId!: string | null;

  @UlidColumn('user_session_id', { nullable: true })
  @ForeignKey(() => UserSessionEntity, { name: 'oauth2_device_code_grant_user_session_id_fkey' })
  userSessionId!: string | null;

  @InetColumn('ip_address')
  ipAddress!: string | null;

  @OptionalTextColumn('user_agent')
  userAgent!: string | null;

  @OptionalTextColumn('locale')
  locale!: string | null;

  /** When the client last polled the token endpoint (RFC 8628 §3.4); null before the first poll. */
  @TimestampColumn('last_polled_at', { nullable: true })
  lastPolledAt!: Date | null;

  /** The minimum seconds between polls, raised by 5 on every `slow_down` (RFC 8628 §3.5). */
  @Column({ type: 'integer', name: 'poll_interval_seconds', default: 5 })
  pollIntervalSeconds!: number;
}
