import { Entity, ForeignKey, Index } from 'typeorm';
import { InetColumn, OptionalTextColumn, TextArrayColumn, TimestampColumn } from '../columns';
import { UlidColumn, UlidPrimaryColumn } from '../ulid-column';
import { UserSessionEntity } from '../browser-sessions/user-session.entity';
import { UserEntity } from '../users/user.entity';
import { OAuth2ClientEntity } from './oauth2-client.entity';

/**
 * An OAuth 2.0 session (one device, a client acting for a user, or a client alone for
 * client_credentials). Mirrors MAS `oauth2_sessions`.
 */
@Entity({ name: 'oauth2_sessions' })
@Index('oauth2_sessions_user_session_fk', ['userSessionId'])
@Index('oauth2_sessions_client_fk', ['oauth2ClientId'])
@Index('oauth2_sessions_user_fk', { synchronize: false })
@Index('oauth2_sessions_scope_list_idx', { synchronize: false })
@Index('oauth2_sessions_last_active_at_idx', ['lastActiveAt'])
@Index('oauth2_sessions_finished_at_idx', ['finishedAt'], { where: 'finished_at IS NOT NULL' })
@Index('oauth2_sessions_inactive_ips_idx', ['lastActiveAt'], {
  where: 'last_active_ip IS NOT NULL AND last_active_at IS NOT NULL',
})
@Index('oauth2_sessions_active_client_idx', ['oauth2ClientId'], { where: 'finished_at IS NULL' })
@Index('oauth2_sessions_active_user_client_idx', ['userId', 'oauth2ClientId'], {
  where: 'finished_at IS NULL',
})
export class OAuth2SessionEntity {
  @UlidPrimaryColumn('oauth2_session_id', 'oauth2_sessions_pkey')
  id!: string;

  @UlidColumn('user_session_id', { nullable: true })
  @ForeignKey(() => UserSessionEntity, { name: 'oauth2_sessions_user_session_id_fkey' })
  userSessionId!: string | null;

  @UlidColumn('oauth2_client_id')
  @ForeignKey(() => OAuth2ClientEntity, { name: 'oauth2_sessions_oauth2_client_id_fkey' })
  oauth2ClientId!: string;

  /** Null for client_credentials sessions. */
  @UlidColumn('user_id', { nullable: true })
  @ForeignKey(() => UserEntity, { name: 'oauth2_sessions_user_id_fkey', onDelete: 'CASCADE' })
  userId!: string | null;

  @TextArrayColumn('scope_list')
  scopeList!: string[];

  @TimestampColumn('created_at')
  createdAt!: Date;

  @TimestampColumn('finished_at', { nullable: true })
  finishedAt!: Date | null;

  @TimestampColumn('last_active_at', { nullable: true })
  lastActiveAt!: Date | null;

  @InetColumn('last_active_ip')
  lastActiveIp!: string | null;

  @OptionalTextColumn('user_agent')
  userAgent!: string | null;

  /** The device name the user chose. */
  @OptionalTextColumn('human_name')
  humanName!: string | null;
}
