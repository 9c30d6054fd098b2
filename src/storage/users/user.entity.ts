import { Column, Entity, Index, Unique } from 'typeorm';
import { TextColumn, TimestampColumn } from '../columns';
import { UlidPrimaryColumn } from '../ulid-column';

/**
 * A local account. Mirrors MAS table `users`; the OIDC `sub` is the ULID `id`.
 * `lower(username)` and trigram indexes exist in the migration (expressions TypeORM cannot model).
 */
@Entity({ name: 'users' })
@Unique('users_username_unique', ['username'])
@Index('users_lower_username_idx', { synchronize: false })
@Index('users_username_trgm_idx', { synchronize: false })
export class UserEntity {
  @UlidPrimaryColumn('user_id', 'users_pkey')
  id!: string;

  @TextColumn('username')
  username!: string;

  @TimestampColumn('created_at')
  createdAt!: Date;

  @TimestampColumn('locked_at', { nullable: true })
  lockedAt!: Date | null;

  @TimestampColumn('deactivated_at', { nullable: true })
  deactivatedAt!: Date | null;

  @Column({ type: 'boolean', name: 'can_request_admin', default: false })
  canRequestAdmin!: boolean;

  /** Guest accounts imported from Synapse by syn2mas. */
  @Column({ type: 'boolean', name: 'is_guest', default: false })
  isGuest!: boolean;
}
