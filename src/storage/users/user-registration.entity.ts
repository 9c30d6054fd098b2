import { Column, Entity, ForeignKey, Index } from 'typeorm';
import { InetColumn, OptionalTextColumn, TextColumn, TimestampColumn } from '../columns';
import { UlidColumn, UlidPrimaryColumn } from '../ulid-column';
import { UpstreamOAuthAuthorizationSessionEntity } from '../upstream/upstream-oauth-authorization-session.entity';
import { UserEmailAuthenticationEntity } from './user-email-authentication.entity';
import { UserRegistrationTokenEntity } from './user-registration-token.entity';

/** A password (or upstream) registration in progress. Mirrors MAS `user_registrations`. */
@Entity({ name: 'user_registrations' })
@Index('user_registrations_email_authentication_fk', ['emailAuthenticationId'])
@Index('user_registrations_user_registration_token_id_fk', ['userRegistrationTokenId'])
@Index('user_registrations_upstream_oauth_session_id_idx', ['upstreamOAuthAuthorizationSessionId'])
export class UserRegistrationEntity {
  @UlidPrimaryColumn('user_registration_id', 'user_registrations_pkey')
  id!: string;

  @InetColumn('ip_address')
  ipAddress!: string | null;

  @OptionalTextColumn('user_agent')
  userAgent!: string | null;

  @Column({ type: 'jsonb', name: 'post_auth_action', nullable: true })
  postAuthAction!: unknown;

  @TextColumn('username')
  username!: string;

  @OptionalTextColumn('display_name')
  displayName!: string | null;

  @OptionalTextColumn('terms_url')
  termsUrl!: string | null;

  @UlidColumn('email_authentication_id', { nullable: true })
  @ForeignKey(() => UserEmailAuthenticationEntity, {
    name: 'user_registrations_email_authentication_id_fkey',
    onDelete: 'SET NULL',
  })
  emailAuthenticationId!: string | null;

  @OptionalTextColumn('hashed_password')
  hashedPassword!: string | null;

  @Column({ type: 'integer', name: 'hashed_password_version', nullable: true })
  hashedPasswordVersion!: number | null;

  @TimestampColumn('created_at')
  createdAt!: Date;

  @TimestampColumn('completed_at', { nullable: true })
  completedAt!: Date | null;

  @UlidColumn('user_registration_token_id', { nullable: true })
  @ForeignKey(() => UserRegistrationTokenEntity, {
    name: 'user_registrations_user_registration_token_id_fkey',
    onDelete: 'SET NULL',
  })
  userRegistrationTokenId!: string | null;

  @UlidColumn('upstream_oauth_authorization_session_id', { nullable: true })
  @ForeignKey(() => UpstreamOAuthAuthorizationSessionEntity, {
    name: 'user_registrations_upstream_oauth_authorization_session_id_fkey',
    onDelete: 'SET NULL',
  })
  upstreamOAuthAuthorizationSessionId!: string | null;
}
