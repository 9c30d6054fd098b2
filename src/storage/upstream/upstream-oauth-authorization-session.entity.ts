import { Column, Entity, ForeignKey, Index, Unique } from 'typeorm';
import { OptionalTextColumn, TextColumn, TimestampColumn } from '../columns';
import { UlidColumn, UlidPrimaryColumn } from '../ulid-column';
import { UserSessionEntity } from '../browser-sessions/user-session.entity';
import { UpstreamOAuthLinkEntity } from './upstream-oauth-link.entity';
import { UpstreamOAuthProviderEntity } from './upstream-oauth-provider.entity';

/**
 * One login attempt at an upstream provider. Mirrors MAS `upstream_oauth_authorization_sessions`;
 * the (sub, sid) indexes over `id_token_claims` for back-channel logout live in the migration.
 */
@Entity({ name: 'upstream_oauth_authorization_sessions' })
@Unique('upstream_oauth_authorization_sessions_state_unique', ['state'])
@Index('upstream_oauth_authorization_sessions_provider_fk', ['upstreamOAuthProviderId'])
@Index('upstream_oauth_authorization_sessions_link_fk', ['upstreamOAuthLinkId'])
@Index('upstream_oauth_authorization_sessions_user_session_id_idx', ['userSessionId'])
@Index('upstream_oauth_authorization_sessions_orphaned', ['id'], {
  where: 'user_session_id IS NULL',
})
@Index('upstream_oauth_authorization_sessions_sub_sid_idx', { synchronize: false })
@Index('upstream_oauth_authorization_sessions_sid_sub_idx', { synchronize: false })
export class UpstreamOAuthAuthorizationSessionEntity {
  @UlidPrimaryColumn(
    'upstream_oauth_authorization_session_id',
    'upstream_oauth_authorization_sessions_pkey',
  )
  id!: string;

  @UlidColumn('upstream_oauth_provider_id')
  @ForeignKey(() => UpstreamOAuthProviderEntity, {
    name: 'upstream_oauth_authorization_sessions_provider_fkey',
  })
  upstreamOAuthProviderId!: string;

  @UlidColumn('upstream_oauth_link_id', { nullable: true })
  @ForeignKey(() => UpstreamOAuthLinkEntity, {
    name: 'upstream_oauth_authorization_sessions_link_fkey',
  })
  upstreamOAuthLinkId!: string | null;

  /** The OAuth `state` we sent upstream. */
  @TextColumn('state')
  state!: string;

  /** PKCE verifier; must stay readable, it is sent to the upstream token endpoint. */
  @OptionalTextColumn('code_challenge_verifier')
  codeChallengeVerifier!: string | null;

  @OptionalTextColumn('nonce')
  nonce!: string | null;

  @TimestampColumn('created_at')
  createdAt!: Date;

  @TimestampColumn('completed_at', { nullable: true })
  completedAt!: Date | null;

  @TimestampColumn('consumed_at', { nullable: true })
  consumedAt!: Date | null;

  @TimestampColumn('unlinked_at', { nullable: true })
  unlinkedAt!: Date | null;

  @OptionalTextColumn('id_token')
  idToken!: string | null;

  @Column({ type: 'jsonb', name: 'id_token_claims', nullable: true })
  idTokenClaims!: Record<string, unknown> | null;

  @Column({ type: 'jsonb', name: 'userinfo', nullable: true })
  userinfo!: unknown;

  @Column({ type: 'jsonb', name: 'extra_callback_parameters', nullable: true })
  extraCallbackParameters!: unknown;

  /** The browser session this login created; set by the user_session_authentications trigger. */
  @UlidColumn('user_session_id', { nullable: true })
  @ForeignKey(() => UserSessionEntity, {
    name: 'upstream_oauth_authorization_sessions_user_session_id_fkey',
    onDelete: 'SET NULL',
  })
  userSessionId!: string | null;
}
