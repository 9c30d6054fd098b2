import { Entity, ForeignKey, Index } from 'typeorm';
import { TimestampColumn } from '../columns';
import { UlidColumn, UlidPrimaryColumn } from '../ulid-column';
import { UpstreamOAuthAuthorizationSessionEntity } from '../upstream/upstream-oauth-authorization-session.entity';
import { UserPasswordEntity } from '../users/user-password.entity';
import { UserSessionEntity } from './user-session.entity';

/**
 * One authentication event of a browser session (feeds `auth_time`): by password or upstream
 * login. Mirrors MAS `user_session_authentications`, including its insert trigger that back-links
 * the upstream authorization session to the browser session.
 */
@Entity({ name: 'user_session_authentications' })
@Index('user_session_authentications_user_session_fk', ['userSessionId'])
@Index('user_session_authentications_user_password_fk', ['userPasswordId'])
@Index('user_session_authentications_upstream_oauth_session_fk', [
  'upstreamOAuthAuthorizationSessionId',
])
export class UserSessionAuthenticationEntity {
  @UlidPrimaryColumn('user_session_authentication_id', 'user_session_authentications_pkey')
  id!: string;

  @UlidColumn('user_session_id')
  @ForeignKey(() => UserSessionEntity, {
    name: 'user_session_authentications_user_session_id_fkey',
  })
  userSessionId!: string;

  @TimestampColumn('created_at')
  createdAt!: Date;

  @UlidColumn('user_password_id', { nullable: true })
  @ForeignKey(() => UserPasswordEntity, {
    name: 'user_session_authentications_user_password_id_fkey',
    onDelete: 'SET NULL',
  })
  userPasswordId!: string | null;

  @UlidColumn('upstream_oauth_authorization_session_id', { nullable: true })
  @ForeignKey(() => UpstreamOAuthAuthorizationSessionEntity, {
    name: 'user_session_authentications_upstream_session_id_fkey',
    onDelete: 'SET NULL',
  })
  upstreamOAuthAuthorizationSessionId!: string | null;
}
