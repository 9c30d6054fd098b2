import { Entity, ForeignKey, Index } from 'typeorm';
import { InetColumn, OptionalTextColumn, TimestampColumn } from '../columns';
import { UlidColumn, UlidPrimaryColumn } from '../ulid-column';
import { UserEntity } from '../users/user.entity';

/**
 * A browser session (the session cookie points at it). Mirrors MAS `user_sessions`.
 * `user_sessions_user_fk` has `INCLUDE (last_active_at)`, so TypeORM does not manage it.
 */
@Entity({ name: 'user_sessions' })
@Index('user_sessions_user_fk', { synchronize: false })
@Index('user_sessions_finished_at_idx', ['finishedAt'], { where: 'finished_at IS NOT NULL' })
@Index('user_sessions_last_active_at_idx', ['lastActiveAt'])
@Index('user_sessions_inactive_ips_idx', ['lastActiveAt'], {
  where: 'last_active_ip IS NOT NULL AND last_active_at IS NOT NULL',
})
export class UserSessionEntity {
  @UlidPrimaryColumn('user_session_id', 'user_sessions_pkey')
  id!: string;

  @UlidColumn('user_id')
  @ForeignKey(() => UserEntity, { name: 'user_sessions_user_id_fkey' })
  userId!: string;

  @TimestampColumn('created_at')
  createdAt!: Date;

  @TimestampColumn('finished_at', { nullable: true })
  finishedAt!: Date | null;

  @OptionalTextColumn('user_agent')
  userAgent!: string | null;

  @TimestampColumn('last_active_at', { nullable: true })
  lastActiveAt!: Date | null;

  @InetColumn('last_active_ip')
  lastActiveIp!: string | null;
}
