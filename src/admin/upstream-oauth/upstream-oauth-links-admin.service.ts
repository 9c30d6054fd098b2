import { Injectable } from '@nestjs/common';
import { Clock, Rng } from '../../core';
import { TransactionRunner } from '../../database/transaction';
import type { UpstreamOAuthLinkEntity } from '../../storage/upstream/upstream-oauth-link.entity';
import { UpstreamOAuthLinkRepository } from '../../storage/upstream/upstream-oauth-link.repository';
import { UpstreamOAuthProviderRepository } from '../../storage/upstream/upstream-oauth-provider.repository';
import { UserRepository } from '../../storage/users/user.repository';
import type { JsonObject } from '../common/admin-body';
import { conflict, notFound } from '../common/admin-error';
import { DATE_TIME, nullable, object, STRING, ULID } from '../common/api-docs';
import { optionalString, requiredString, requiredUlid } from '../common/body-fields';
import {
  ADMIN_API_BASE,
  answerListing,
  type ResourceKind,
  singleResponse,
} from '../common/envelope';
import { FilterReader, parsePagination } from '../common/list-query';

export const UPSTREAM_OAUTH_LINK_KIND: ResourceKind = {
  type: 'upstream-oauth-link',
  path: `${ADMIN_API_BASE}/upstream-oauth-links`,
};

export const UPSTREAM_OAUTH_LINK_SCHEMA = object({
  created_at: DATE_TIME,
  provider_id: ULID,
  subject: STRING,
  user_id: nullable(ULID),
  human_account_name: nullable(STRING),
});

/** MAS admin/model.rs `UpstreamOAuthLink`. */
const view = (l: UpstreamOAuthLinkEntity) => ({
  id: l.id,
  attributes: {
    created_at: l.createdAt.toISOString(),
    provider_id: l.upstreamOAuthProviderId,
    subject: l.subject,
    user_id: l.userId,
    human_account_name: l.humanAccountName,
  },
});

/** The admin API's `/upstream-oauth-links` (MAS admin/v1/upstream_oauth_links/*). */
@Injectable()
export class UpstreamOAuthLinksAdminService {
  constructor(
    private readonly clock: Clock,
    private readonly rng: Rng,
    private readonly tx: TransactionRunner,
    private readonly users: UserRepository,
    private readonly providers: UpstreamOAuthProviderRepository,
    private readonly links: UpstreamOAuthLinkRepository,
  ) {}

  /** Filters `user`, `provider` (404 when unknown) and `subject`. */
  async list(query: URLSearchParams) {
    const { pagination, includeCount } = parsePagination(query);
    const f = new FilterReader(query);
    const userId = f.ulid('user');
    if (userId !== undefined && !(await this.users.findById(userId))) {
      throw notFound(`User ID ${userId} not found`);
    }
    const providerId = f.ulid('provider');
    if (providerId !== undefined && !(await this.providers.findById(providerId))) {
      throw notFound(`Provider ID ${providerId} not found`);
    }
    const filter = { userId, providerId, subject: f.string('subject') };
    return answerListing({
      kind: UPSTREAM_OAUTH_LINK_KIND,
      pagination,
      includeCount,
      filters: f.canonical,
      list: (p) => this.links.list(filter, p),
      count: () => this.links.count(filter),
      view,
    });
  }

  /**
   * `POST {user_id, provider_id, subject, human_account_name?}` (MAS add.rs): 404 for an
   * unknown user or provider; 409 when the user already has a link to this provider, or
   * when the provider's subject is already linked (the pair is unique).
   */
  async add(body: JsonObject) {
    const userId = requiredUlid(body, 'user_id');
    const providerId = requiredUlid(body, 'provider_id');
    const subject = requiredString(body, 'subject');
    const humanAccountName = optionalString(body, 'human_account_name') ?? null;
    if (!(await this.users.findById(userId))) throw notFound(`User ID ${userId} not found`);
    if (!(await this.providers.findById(providerId))) {
      throw notFound(`Upstream OAuth 2.0 Provider ID ${providerId} not found`);
    }
    if ((await this.links.count({ userId, providerId })) > 0) {
      throw conflict(
        `User ID ${userId} already has an upstream link for Upstream Oauth 2.0 Provider ID ${providerId}`,
      );
    }
    const added = await this.links.add({
      id: this.rng.ulid(),
      upstreamOAuthProviderId: providerId,
      userId,
      subject,
      humanAccountName,
      createdAt: this.clock.now(),
    });
    if (!added) {
      throw conflict(
        `Subject ${JSON.stringify(subject)} is already linked for Upstream Oauth 2.0 Provider ID ${providerId}`,
      );
    }
    const v = view(added);
    return singleResponse(UPSTREAM_OAUTH_LINK_KIND, v.id, v.attributes);
  }

  async get(id: string) {
    const v = view(await this.find(id));
    return singleResponse(UPSTREAM_OAUTH_LINK_KIND, v.id, v.attributes);
  }

  /** Deletes the link; the authorization sessions that used it are marked unlinked. */
  async remove(id: string): Promise<void> {
    await this.find(id);
    await this.tx.run(async (t) => {
      await this.links.remove(id, this.clock.now(), t);
    });
  }

  private async find(id: string): Promise<UpstreamOAuthLinkEntity> {
    const link = await this.links.findById(id);
    if (!link) throw notFound(`Upstream OAuth 2.0 Link ID ${id} not found`);
    return link;
  }
}
