import { Injectable } from '@nestjs/common';
import type { UpstreamOAuthProviderEntity } from '../../storage/upstream/upstream-oauth-provider.entity';
import { UpstreamOAuthProviderRepository } from '../../storage/upstream/upstream-oauth-provider.repository';
import { notFound } from '../common/admin-error';
import { DATE_TIME, nullable, object, STRING } from '../common/api-docs';
import {
  ADMIN_API_BASE,
  answerListing,
  type ResourceKind,
  singleResponse,
} from '../common/envelope';
import { FilterReader, parsePagination } from '../common/list-query';

export const UPSTREAM_OAUTH_PROVIDER_KIND: ResourceKind = {
  type: 'upstream-oauth-provider',
  path: `${ADMIN_API_BASE}/upstream-oauth-providers`,
};

export const UPSTREAM_OAUTH_PROVIDER_SCHEMA = object({
  issuer: nullable(STRING),
  human_name: nullable(STRING),
  brand_name: nullable(STRING),
  created_at: DATE_TIME,
  disabled_at: nullable(DATE_TIME),
});

/** MAS admin/model.rs `UpstreamOAuthProvider`: no client id, secret or endpoints. */
const view = (p: UpstreamOAuthProviderEntity) => ({
  id: p.id,
  attributes: {
    issuer: p.issuer,
    human_name: p.humanName,
    brand_name: p.brandName,
    created_at: p.createdAt.toISOString(),
    disabled_at: p.disabledAt?.toISOString() ?? null,
  },
});

/**
 * The admin API's read-only `/upstream-oauth-providers` (MAS
 * admin/v1/upstream_oauth_providers/*); providers come from the config through `config sync`.
 */
@Injectable()
export class UpstreamOAuthProvidersAdminService {
  constructor(private readonly providers: UpstreamOAuthProviderRepository) {}

  list(query: URLSearchParams) {
    const { pagination, includeCount } = parsePagination(query);
    const f = new FilterReader(query);
    const filter = { enabled: f.bool('enabled') };
    return answerListing({
      kind: UPSTREAM_OAUTH_PROVIDER_KIND,
      pagination,
      includeCount,
      filters: f.canonical,
      list: (p) => this.providers.list(filter, p),
      count: () => this.providers.count(filter),
      view,
    });
  }

  async get(id: string) {
    const provider = await this.providers.findById(id);
    if (!provider) throw notFound(`Upstream OAuth 2.0 Provider ID ${id} not found`);
    const v = view(provider);
    return singleResponse(UPSTREAM_OAUTH_PROVIDER_KIND, v.id, v.attributes);
  }
}
