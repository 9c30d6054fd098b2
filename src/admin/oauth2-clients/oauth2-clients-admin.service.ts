import { Injectable } from '@nestjs/common';
import {
  type ClientGrantType,
  OAuth2ClientAdminRepository,
} from '../../storage/oauth2/oauth2-client-admin.repository';
import type { OAuth2ClientEntity } from '../../storage/oauth2/oauth2-client.entity';
import { OAuth2ClientRepository } from '../../storage/oauth2/oauth2-client.repository';
import { invalidFilter, notFound } from '../common/admin-error';
import { BOOL, nullable, object, STRING } from '../common/api-docs';
import {
  ADMIN_API_BASE,
  answerListing,
  type ResourceKind,
  singleResponse,
} from '../common/envelope';
import { FilterReader, parsePagination } from '../common/list-query';

export const OAUTH2_CLIENT_KIND: ResourceKind = {
  type: 'oauth2-client',
  path: `${ADMIN_API_BASE}/oauth2-clients`,
};

const GRANT_TYPES: ClientGrantType[] = [
  'authorization_code',
  'refresh_token',
  'client_credentials',
  'urn:ietf:params:oauth:grant-type:device_code',
];

export const OAUTH2_CLIENT_SCHEMA = object({
  client_id: STRING,
  client_name: nullable(STRING),
  client_uri: nullable(STRING),
  logo_uri: nullable(STRING),
  redirect_uris: { type: 'array', items: STRING },
  grant_types: { type: 'array', items: STRING },
  is_static: BOOL,
});

/** MAS admin/model.rs `OAuth2Client`; a client's `client_id` is its ULID. */
const view = (c: OAuth2ClientEntity) => ({
  id: c.id,
  attributes: {
    client_id: c.id,
    client_name: c.clientName,
    client_uri: c.clientUri,
    logo_uri: c.logoUri,
    redirect_uris: c.redirectUris,
    grant_types: [
      ...(c.grantTypeAuthorizationCode ? ['authorization_code'] : []),
      ...(c.grantTypeRefreshToken ? ['refresh_token'] : []),
      ...(c.grantTypeClientCredentials ? ['client_credentials'] : []),
      ...(c.grantTypeDeviceCode ? ['urn:ietf:params:oauth:grant-type:device_code'] : []),
    ],
    is_static: c.isStatic,
  },
});

/** The admin API's `/oauth2-clients` (MAS admin/v1/oauth2_clients/*). */
@Injectable()
export class OAuth2ClientsAdminService {
  constructor(
    private readonly clients: OAuth2ClientRepository,
    private readonly repo: OAuth2ClientAdminRepository,
  ) {}

  async list(query: URLSearchParams) {
    const { pagination, includeCount } = parsePagination(query);
    const f = new FilterReader(query);
    const kind = f.oneOf('client-kind', ['dynamic', 'static'] as const);
    const clientName = f.string('client-name');
    const clientUri = f.string('client-uri');
    const grantType = f.string('grant-type');
    if (grantType !== undefined && !(GRANT_TYPES as string[]).includes(grantType)) {
      throw invalidFilter(`filter[grant-type]: unknown grant type ${JSON.stringify(grantType)}`);
    }
    const filter = {
      kind,
      clientName,
      clientUri,
      grantType: grantType as ClientGrantType | undefined,
      hasActiveSessions: f.bool('has-active-sessions'),
    };
    return answerListing({
      kind: OAUTH2_CLIENT_KIND,
      pagination,
      includeCount,
      filters: f.canonical,
      list: (p) => this.repo.list(filter, p),
      count: () => this.repo.count(filter),
      view,
    });
  }

  async get(id: string) {
    const client = await this.clients.findById(id);
    if (!client) throw notFound(`OAuth 2.0 client ID ${id} not found`);
    return singleResponse(OAUTH2_CLIENT_KIND, id, view(client).attributes);
  }
}
