import { Check, Entity, ForeignKey, Index, Unique } from 'typeorm';
import { Sha256Column, TextColumn, TimestampColumn } from '../columns';
import { UlidColumn, UlidPrimaryColumn } from '../ulid-column';
import { UserSessionEntity } from '../browser-sessions/user-session.entity';
import { CompatSessionEntity } from './compat-session.entity';

/**
 * A legacy SSO login (`m.login.sso` → `m.login.token`): Pending → Fulfilled → Exchanged.
 * Mirrors MAS `compat_sso_logins`, but stores `login_token_sha256` instead of the login token.
 */
@Entity({ name: 'compat_sso_logins' })
@Unique('compat_sso_logins_login_token_sha256_key', ['loginTokenSha256'])
@Check('compat_sso_logins_login_token_sha256_check', 'octet_length(login_token_sha256) = 32')
@Index('compat_sso_logins_session_fk', ['compatSessionId'])
export class CompatSsoLoginEntity {
  @UlidPrimaryColumn('compat_sso_login_id', 'compat_sso_logins_pkey')
  id!: string;

  @TextColumn('redirect_uri')
  redirectUri!: string;

  @Sha256Column('login_token_sha256')
  loginTokenSha256!: Buffer;

  @UlidColumn('compat_session_id', { nullable: true })
  @ForeignKey(() => CompatSessionEntity, {
    name: 'compat_sso_logins_compat_session_id_fkey',
    onDelete: 'SET NULL',
  })
  compatSessionId!: string | null;

  @TimestampColumn('created_at')
  createdAt!: Date;

  @TimestampColumn('fulfilled_at', { nullable: true })
  fulfilledAt!: Date | null;

  @TimestampColumn('exchanged_at', { nullable: true })
  exchangedAt!: Date | null;

  @UlidColumn('user_session_id', { nullable: true })
  @ForeignKey(() => UserSessionEntity, {
    name: 'compat_sso_logins_user_session_id_fkey',
    onDelete: 'CASCADE',
  })
  userSessionId!: string | null;
}
