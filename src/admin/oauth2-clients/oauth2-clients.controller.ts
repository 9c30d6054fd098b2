import { Get, Param } from '@nestjs/common';
import { AdminController } from '../common/admin-route';
import { ApiList, ApiOne, BOOL, STRING } from '../common/api-docs';
import { AdminQuery } from '../common/list-query';
import { UlidParamPipe } from '../common/ulid-param.pipe';
import { OAUTH2_CLIENT_SCHEMA, OAuth2ClientsAdminService } from './oauth2-clients-admin.service';

const TAG = 'oauth2-client';

/** MAS admin/v1/oauth2_clients/*. */
@AdminController('oauth2-clients')
export class OAuth2ClientsController {
  constructor(private readonly clients: OAuth2ClientsAdminService) {}

  @Get()
  @ApiList(TAG, 'listOAuth2Clients', 'List OAuth 2.0 clients', OAUTH2_CLIENT_SCHEMA, [
    { name: 'client-kind', schema: { type: 'string', enum: ['dynamic', 'static'] } },
    { name: 'client-name', schema: STRING },
    { name: 'client-uri', schema: STRING },
    { name: 'grant-type', schema: STRING },
    { name: 'has-active-sessions', schema: BOOL },
  ])
  list(@AdminQuery() query: URLSearchParams) {
    return this.clients.list(query);
  }

  @Get(':id')
  @ApiOne(TAG, 'getOAuth2Client', 'Get an OAuth 2.0 client', OAUTH2_CLIENT_SCHEMA)
  get(@Param('id', UlidParamPipe) id: string) {
    return this.clients.get(id);
  }
}
