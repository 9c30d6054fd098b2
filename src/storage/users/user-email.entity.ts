import { Entity, ForeignKey, Index } from 'typeorm';
import { TextColumn, TimestampColumn } from '../columns';
import { UlidColumn, UlidPrimaryColumn } from '../ulid-column';
import { UserEntity } from './user.entity';

/**
 * A verified email address of a user (only verified addresses are ever added; not unique).
 * Mirrors MAS `user_emails`; the `lower(email)` index lives in the migration.
 */
@Entity({ name: 'user_emails' })
@Index('user_emails_email_idx', ['email'])
@Index('user_emails_lower_email_idx', { synchronize: false })
@Index('user_emails_user_fk', ['userId'])
export class UserEmailEntity {
  @UlidPrimaryColumn('user_email_id', 'user_emails_pkey')
  id!: string;

  @UlidColumn('user_id')
  @ForeignKey(() => UserEntity, { name: 'user_emails_user_id_fkey', onDelete: 'CASCADE' })
  userId!: string;

  @TextColumn('email')
  email!: string;

  @TimestampColumn('created_at')
  createdAt!: Date;
}
