import { Get, HttpCode, Param, Post, Put } from '@nestjs/common';
import { AdminJsonBody, type JsonObject } from '../common/admin-body';
import { AdminController } from '../common/admin-route';
import { ApiList, ApiOne, BOOL, DATE_TIME, nullable, object, STRING } from '../common/api-docs';
import { AdminQuery } from '../common/list-query';
import { UlidParamPipe } from '../common/ulid-param.pipe';
import { REGISTRATION_TOKEN_SCHEMA as SCHEMA } from './registration-token.view';
import { RegistrationTokensAdminService } from './registration-tokens-admin.service';

const TAG = 'user-registration-token';
const UINT = { type: 'integer' as const, minimum: 0 };

/** MAS admin/v1/user_registration_tokens/*. */
@AdminController('user-registration-tokens')
export class RegistrationTokensController {
  constructor(private readonly tokens: RegistrationTokensAdminService) {}

  @Get()
  @ApiList(TAG, 'listUserRegistrationTokens', 'List user registration tokens', SCHEMA, [
    { name: 'used', schema: BOOL },
    { name: 'revoked', schema: BOOL },
    { name: 'expired', schema: BOOL },
    { name: 'valid', schema: BOOL },
  ])
  list(@AdminQuery() query: URLSearchParams) {
    return this.tokens.list(query);
  }

  @Post()
  @HttpCode(201)
  @ApiOne(TAG, 'addUserRegistrationToken', 'Create a new user registration token', SCHEMA, {
    status: 201,
    path: null,
    body: object({ token: STRING, usage_limit: nullable(UINT), expires_at: nullable(DATE_TIME) }, [
      'token',
      'usage_limit',
      'expires_at',
    ]),
    errors: [[409, 'A registration token with the same token already exists']],
  })
  add(@AdminJsonBody() body: JsonObject) {
    return this.tokens.add(body);
  }

  @Get(':id')
  @ApiOne(TAG, 'getUserRegistrationToken', 'Get a user registration token', SCHEMA)
  get(@Param('id', UlidParamPipe) id: string) {
    return this.tokens.get(id);
  }

  @Put(':id')
  @ApiOne(TAG, 'updateUserRegistrationToken', 'Update a user registration token', SCHEMA, {
    body: object({ usage_limit: nullable(UINT), expires_at: nullable(DATE_TIME) }, [
      'usage_limit',
      'expires_at',
    ]),
  })
  update(@Param('id', UlidParamPipe) id: string, @AdminJsonBody() body: JsonObject) {
    return this.tokens.update(id, body);
  }

  @Post(':id/revoke')
  @HttpCode(200)
  @ApiOne(TAG, 'revokeUserRegistrationToken', 'Revoke a user registration token', SCHEMA, {
    errors: [
      [400, 'Token already revoked'],
      [404, 'Not found'],
    ],
  })
  revoke(@Param('id', UlidParamPipe) id: string) {
    return this.tokens.revoke(id);
  }

  @Post(':id/unrevoke')
  @HttpCode(200)
  @ApiOne(TAG, 'unrevokeUserRegistrationToken', 'Unrevoke a user registration token', SCHEMA, {
    errors: [
      [400, 'Token is not revoked'],
      [404, 'Not found'],
    ],
  })
  unrevoke(@Param('id', UlidParamPipe) id: string) {
    return this.tokens.unrevoke(id);
  }
}
