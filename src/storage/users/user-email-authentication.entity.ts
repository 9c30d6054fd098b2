import { Entity, ForeignKey, Index } from 'typeorm';
import { TextColumn, TimestampColumn } from '../columns';
import { UlidColumn, UlidPrimaryColumn } from '../ulid-column';
import { UserSessionEntity } from '../browser-sessions/user-session.entity';
import { UserRegistrationEntity } from './user-registration.entity';

/** A "prove you own this email" flow. Mirrors MAS `user_email_authentications`. */
@Entity({ name: 'user_email_authentications' })
@Index('user_email_authentications_user_session_fk', ['userSessionId'])
@Index('user_email_authentications_user_registration_fk', ['userRegistrationId'])
export class UserEmailAuthenticationEntity {
  @UlidPrimaryColumn('user_email_authentication_id', 'user_email_authentications_pkey')
  id!: string;

  @UlidColumn('user_session_id', { nullable: true })
  @ForeignKey(() => UserSessionEntity, {
    name: 'user_email_authentications_user_session_id_fkey',
    onDelete: 'SET NULL',
  })
  userSessionId!: string | null;

  @UlidColumn('user_registration_id', { nullable: true })
  @ForeignKey(() => UserRegistrationEntity, {
    name: 'user_email_authentications_user_registration_id_fkey',
    onDelete: 'CASCADE',
  })
  userRegistrationId!: string | null;

  @TextColumn('email')
  email!: string;

  @TimestampColumn('created_at')
  createdAt!: Date;

  @TimestampColumn('completed_at', { nullable: true })
  completedAt!: Date | null;
}
