import { Check, Column, Entity, ForeignKey, Index, Unique } from 'typeorm';
import { OptionalTextColumn, Sha256Column, TextColumn, TimestampColumn } from '../columns';
import { UlidColumn, UlidPrimaryColumn } from '../ulid-column';
import { UserSessionEntity } from '../browser-sessions/user-session.entity';
import { OAuth2ClientEntity } from './oauth2-client.entity';
import { OAuth2SessionEntity } from './oauth2-session.entity';

/**
 * An authorization request (RFC 6749 §4.1): Pending → Fulfilled → Exchanged, or Cancelled.
 * Mirrors MAS `oauth2_authorization_grants`, but stores `authorization_code_sha256` instead of
 * the code (null when no code was requested).
 */
@Entity({ name: 'oauth2_authorization_grants' })
@Unique('oauth2_authorization_grants_authorization_code_sha256_key', ['authorizationCodeSha256'])
@Check(
  'oauth2_authorization_grants_authorization_code_sha256_check',
  'octet_length(authorization_code_sha256) = 32',
)
@Index('oauth2_authorization_grants_client_fk', ['oauth2ClientId'])
@Index('oauth2_authorization_grants_session_fk', ['oauth2SessionId'])
@Index('oauth2_authorization_grants_user_session_id_idx', ['userSessionId'])
export class OAuth2AuthorizationGrantEntity {
  @UlidPrimaryColumn('oauth2_authorization_grant_id', 'oauth2_authorization_grants_pkey')
  id!: string;

  @UlidColumn('oauth2_client_id')
  @ForeignKey(() => OAuth2ClientEntity, {
    name: 'oauth2_authorization_grants_oauth2_client_id_fkey',
  })
  oauth2ClientId!: string;

  /** Set when the code is exchanged. */
  @UlidColumn('oauth2_session_id', { nullable: true })
  @ForeignKey(() => OAuth2SessionEntity, {
    name: 'oauth2_authorization_grants_oauth2_session_id_fkey',
  })
  oauth2SessionId!: string | null;

  @Sha256Column('authorization_code_sha256', { nullable: true })
  authorizationCodeSha256!: Buffer | null;

  @TextColumn('redirect_uri')
  redirectUri!: string;

  @TextColumn('scope')
  scope!: string;

  @OptionalTextColumn('state')
  state!: string | null;

  @OptionalTextColumn('nonce')
  nonce!: string | null;

  @TextColumn('response_mode')
  responseMode!: string;

  @OptionalTextColumn('code_challenge_method')
  codeChallengeMethod!: string | null;

  @OptionalTextColumn('code_challenge')
  codeChallenge!: string | null;

  @Column({ type: 'boolean', name: 'response_type_code' })
  responseTypeCode!: boolean;

  @Column({ type: 'boolean', name: 'response_type_id_token' })
  responseTypeIdToken!: boolean;

  @TimestampColumn('created_at')
  createdAt!: Date;

  @TimestampColumn('fulfilled_at', { nullable: true })
  fulfilledAt!: Date | null;

  @TimestampColumn('cancelled_at', { nullable: true })
  cancelledAt!: Date | null;

  @TimestampColumn('exchanged_at', { nullable: true })
  exchangedAt!: Date | null;

  @OptionalTextColumn('login_hint')
  loginHint!: string | null;

  @OptionalTextColumn('locale')
  locale!: string | null;

  /** The browser session that consented (set at fulfilment). */
  @UlidColumn('user_session_id', { nullable: true })
  @ForeignKey(() => UserSessionEntity, {
    name: 'oauth2_authorization_grants_user_session_id_fkey',
    onDelete: 'SET NULL',
  })
  userSessionId!: string | null;

  @Column({ type: 'jsonb', name: 'raw_parameters', nullable: true })
  rawParameters!: unknown;
}
