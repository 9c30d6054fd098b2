import { Check, Entity, ForeignKey, Index } from 'typeorm';
import { InetColumn, TextArrayColumn, TextColumn, TimestampColumn } from '../columns';
import { UlidColumn, UlidPrimaryColumn } from '../ulid-column';
import { OAuth2ClientEntity } from '../oauth2/oauth2-client.entity';
import { UserEntity } from '../users/user.entity';

/**
 * A personal session created by an admin, owned by exactly one user or OAuth 2.0 client and
 * acting as `actor_user_id`. Mirrors MAS `personal_sessions`.
 */
@Entity({ name: 'personal_sessions' })
@Check(
  'personal_sessions_exactly_one_owner',
  '(owner_user_id IS NULL) <> (owner_oauth2_client_id IS NULL)',
)
@Index('personal_sessions_owner_user_id_idx', ['ownerUserId'], {
  where: 'owner_user_id IS NOT NULL',
})
@Index('personal_sessions_owner_oauth2_client_id_idx', ['ownerOAuth2ClientId'], {
  where: 'owner_oauth2_client_id IS NOT NULL',
})
@Index('personal_sessions_actor_user_id_idx', ['actorUserId'])
export class PersonalSessionEntity {
  @UlidPrimaryColumn('personal_session_id', 'personal_sessions_pkey')
  id!: string;

  @UlidColumn('owner_user_id', { nullable: true })
  @ForeignKey(() => UserEntity, { name: 'personal_sessions_owner_user_id_fkey' })
  ownerUserId!: string | null;

  @UlidColumn('owner_oauth2_client_id', { nullable: true })
  @ForeignKey(() => OAuth2ClientEntity, { name: 'personal_sessions_owner_oauth2_client_id_fkey' })
  ownerOAuth2ClientId!: string | null;

  @UlidColumn('actor_user_id')
  @ForeignKey(() => UserEntity, { name: 'personal_sessions_actor_user_id_fkey' })
  actorUserId!: string;

  @TextColumn('human_name')
  humanName!: string;

  @TextArrayColumn('scope_list')
  scopeList!: string[];

  @TimestampColumn('created_at')
  createdAt!: Date;

  @TimestampColumn('revoked_at', { nullable: true })
  revokedAt!: Date | null;

  @TimestampColumn('last_active_at', { nullable: true })
  lastActiveAt!: Date | null;

  @InetColumn('last_active_ip')
  lastActiveIp!: string | null;
}
