import { Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import { AdminJsonBody, type JsonObject } from '../common/admin-body';
import { AdminController } from '../common/admin-route';
import { ApiList, ApiOne, BOOL, nullable, object, STRING, ULID } from '../common/api-docs';
import { AdminQuery } from '../common/list-query';
import { UlidParamPipe } from '../common/ulid-param.pipe';
import {
  UPSTREAM_OAUTH_LINK_SCHEMA,
  UpstreamOAuthLinksAdminService,
} from './upstream-oauth-links-admin.service';
import {
  UPSTREAM_OAUTH_PROVIDER_SCHEMA,
  UpstreamOAuthProvidersAdminService,
} from './upstream-oauth-providers-admin.service';

/** MAS admin/v1/upstream_oauth_providers/*. */
@AdminController('upstream-oauth-providers')
export class UpstreamOAuthProvidersController {
  constructor(private readonly providers: UpstreamOAuthProvidersAdminService) {}

  @Get()
  @ApiList(
    'upstream-oauth-provider',
    'listUpstreamOAuthProviders',
    'List upstream OAuth 2.0 providers',
    UPSTREAM_OAUTH_PROVIDER_SCHEMA,
    [{ name: 'enabled', schema: BOOL, description: 'Only enabled (or only disabled) providers' }],
  )
  list(@AdminQuery() query: URLSearchParams) {
    return this.providers.list(query);
  }

  @Get(':id')
  @ApiOne(
    'upstream-oauth-provider',
    'getUpstreamOAuthProvider',
    'Get an upstream OAuth 2.0 provider',
    UPSTREAM_OAUTH_PROVIDER_SCHEMA,
  )
  get(@Param('id', UlidParamPipe) id: string) {
    return this.providers.get(id);
  }
}

const LINK_TAG = 'upstream-oauth-link';

/** MAS admin/v1/upstream_oauth_links/*. */
@AdminController('upstream-oauth-links')
export class UpstreamOAuthLinksController {
  constructor(private readonly links: UpstreamOAuthLinksAdminService) {}

  @Get()
  @ApiList(
    LINK_TAG,
    'listUpstreamOAuthLinks',
    'List upstream OAuth 2.0 links',
    UPSTREAM_OAUTH_LINK_SCHEMA,
    [
      { name: 'user', schema: ULID },
      { name: 'provider', schema: ULID },
      { name: 'subject', schema: STRING },
    ],
  )
  list(@AdminQuery() query: URLSearchParams) {
    return this.links.list(query);
  }

  @Post()
  @HttpCode(201)
  @ApiOne(
    LINK_TAG,
    'addUpstreamOAuthLink',
    'Add an upstream OAuth 2.0 link',
    UPSTREAM_OAUTH_LINK_SCHEMA,
    {
      status: 201,
      path: null,
      body: object(
        {
          user_id: ULID,
          provider_id: ULID,
          subject: STRING,
          human_account_name: nullable(STRING),
        },
        ['human_account_name'],
      ),
      errors: [
        [404, 'User or provider was not found'],
        [409, 'User already has an upstream link for this provider, or the subject is linked'],
        [422, 'Invalid request body'],
      ],
    },
  )
  add(@AdminJsonBody() body: JsonObject) {
    return this.links.add(body);
  }

  @Get(':id')
  @ApiOne(
    LINK_TAG,
    'getUpstreamOAuthLink',
    'Get an upstream OAuth 2.0 link',
    UPSTREAM_OAUTH_LINK_SCHEMA,
  )
  get(@Param('id', UlidParamPipe) id: string) {
    return this.links.get(id);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOne(LINK_TAG, 'deleteUpstreamOAuthLink', 'Delete an upstream OAuth 2.0 link', null, {
    status: 204,
  })
  async remove(@Param('id', UlidParamPipe) id: string) {
    await this.links.remove(id);
  }
}
