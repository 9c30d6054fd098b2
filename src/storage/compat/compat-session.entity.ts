import { Column, Entity, ForeignKey, Index } from 'typeorm';
import { InetColumn, OptionalTextColumn, TimestampColumn } from '../columns';
import { UlidColumn, UlidPrimaryColumn } from '../ulid-column';
import { UserSessionEntity } from '../browser-sessions/user-session.entity';
import { UserEntity } from '../users/user.entity';

/**
 * A legacy Matrix login session (one Matrix device). Mirrors MAS `compat_sessions`;
 * `user_session_id` is set when the session was created through SSO.
 */
@Entity({ name: 'compat_sessions' })
@Index('compat_sessions_user_fk', { synchronize: false })
@Index('compat_sessions_user_session_fk', ['userSessionId'])
@Index('compat_sessions_last_active_at_idx', ['lastActiveAt'])
@Index('compat_sessions_finished_at_idx', ['finishedAt'], { where: 'finished_at IS NOT NULL' })
@Index('compat_sessions_inactive_ips_idx', ['lastActiveAt'], {
  where: 'last_active_ip IS NOT NULL AND last_active_at IS NOT NULL',
})
@Index('compat_sessions_active_user_idx', ['userId'], { where: 'finished_at IS NULL' })
export class CompatSessionEntity {
  @UlidPrimaryColumn('compat_session_id', 'compat_sessions_pkey')
  id!: string;

  @UlidColumn('user_id')
  @ForeignKey(() => UserEntity, { name: 'compat_sessions_user_id_fkey' })
  userId!: string;

  /** The Matrix device ID; not unique (a finished session may share it). */
  @OptionalTextColumn('device_id')
  deviceId!: string | null;

  @TimestampColumn('created_at')
  createdAt!: Date;

  @TimestampColumn('finished_at', { nullable: true })
  finishedAt!: Date | null;

  @Column({ type: 'boolean', name: 'is_synapse_admin', default: false })
  isSynapseAdmin!: boolean;

  @TimestampColumn('last_active_at', { nullable: true })
  lastActiveAt!: Date | null;

  @InetColumn('last_active_ip')
  lastActiveIp!: string | null;

  @UlidColumn('user_session_id', { nullable: true })
  @ForeignKey(() => UserSessionEntity, { name: 'compat_sessions_user_session_id_fkey' })
  userSessionId!: string | null;

  @OptionalTextColumn('user_agent')
  userAgent!: string | null;

  @OptionalTextColumn('human_name')
  humanName!: string | null;
}
