import { Entity, ForeignKey, Index, Unique } from 'typeorm';
import { OptionalTextColumn, TextColumn, TimestampColumn } from '../columns';
import { UlidColumn, UlidPrimaryColumn } from '../ulid-column';
import { UserEntity } from '../users/user.entity';
import { UpstreamOAuthProviderEntity } from './upstream-oauth-provider.entity';

/**
 * The link between an upstream account (provider + subject) and a local user (null until
 * linked). Mirrors MAS `upstream_oauth_links`.
 */
@Entity({ name: 'upstream_oauth_links' })
@Unique('upstream_oauth_links_subject_unique', ['upstreamOAuthProviderId', 'subject'])
@Index('upstream_oauth_links_provider_fk', ['upstreamOAuthProviderId'])
@Index('upstream_oauth_links_user_fk', ['userId'])
@Index('idx_upstream_oauth_links_orphaned', ['id'], { where: 'user_id IS NULL' })
@Index('upstream_oauth_links_human_account_name_trgm_idx', { synchronize: false })
export class UpstreamOAuthLinkEntity {
  @UlidPrimaryColumn('upstream_oauth_link_id', 'upstream_oauth_links_pkey')
  id!: string;

  @UlidColumn('upstream_oauth_provider_id')
  @ForeignKey(() => UpstreamOAuthProviderEntity, {
    name: 'upstream_oauth_links_provider_fkey',
  })
  upstreamOAuthProviderId!: string;

  @UlidColumn('user_id', { nullable: true })
  @ForeignKey(() => UserEntity, { name: 'upstream_oauth_links_user_id_fkey' })
  userId!: string | null;

  @TextColumn('subject')
  subject!: string;

  @TimestampColumn('created_at')
  createdAt!: Date;

  @OptionalTextColumn('human_account_name')
  humanAccountName!: string | null;
}
