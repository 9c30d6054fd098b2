import { Entity } from 'typeorm';
import { InetColumn, TextColumn, TimestampColumn } from '../columns';
import { UlidPrimaryColumn } from '../ulid-column';

/** A password recovery request for an email address. Mirrors MAS `user_recovery_sessions`. */
@Entity({ name: 'user_recovery_sessions' })
export class UserRecoverySessionEntity {
  @UlidPrimaryColumn('user_recovery_session_id', 'user_recovery_sessions_pkey')
  id!: string;

  @TextColumn('email')
  email!: string;

  @TextColumn('user_agent')
  userAgent!: string;

  @InetColumn('ip_address')
  ipAddress!: string | null;

  @TextColumn('locale')
  locale!: string;

  @TimestampColumn('created_at')
  createdAt!: Date;

  @TimestampColumn('consumed_at', { nullable: true })
  consumedAt!: Date | null;
}
