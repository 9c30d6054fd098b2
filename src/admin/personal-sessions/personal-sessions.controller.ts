import { Get, HttpCode, Param, Post } from '@nestjs/common';
import { type AdminCaller, Caller } from '../auth/admin-caller';
import { AdminJsonBody, type JsonObject, OptionalAdminJsonBody } from '../common/admin-body';
import { AdminController } from '../common/admin-route';
import { ApiList, ApiOne, BOOL, DATE_TIME, object, STRING, ULID } from '../common/api-docs';
import { AdminQuery } from '../common/list-query';
import { UlidParamPipe } from '../common/ulid-param.pipe';
import { PERSONAL_SESSION_SCHEMA as SCHEMA } from './personal-session.view';
import { PersonalSessionsAdminService } from './personal-sessions-admin.service';

const TAG = 'personal-session';
const EXPIRES_IN = {
  type: 'integer' as const,
  minimum: 0,
  description: 'Token lifetime in seconds',
};

/** MAS admin/v1/personal_sessions/*. */
@AdminController('personal-sessions')
export class PersonalSessionsController {
  constructor(private readonly sessions: PersonalSessionsAdminService) {}

  @Get()
  @ApiList(TAG, 'listPersonalSessions', 'List personal sessions', SCHEMA, [
    { name: 'owner_user', schema: ULID },
    { name: 'owner_client', schema: ULID },
    { name: 'actor_user', schema: ULID },
    { name: 'scope', schema: STRING, description: 'May be repeated' },
    { name: 'status', schema: { type: 'string', enum: ['active', 'revoked'] } },
    { name: 'expires_before', schema: DATE_TIME },
    { name: 'expires_after', schema: DATE_TIME },
    { name: 'expires', schema: BOOL },
  ])
  list(@AdminQuery() query: URLSearchParams) {
    return this.sessions.list(query);
  }

  @Post()
  @HttpCode(201)
  @ApiOne(
    TAG,
    'createPersonalSession',
    'Create a new personal session with personal access token',
    SCHEMA,
    {
      status: 201,
      path: null,
      body: object(
        { actor_user_id: ULID, human_name: STRING, scope: STRING, expires_in: EXPIRES_IN },
        ['expires_in'],
      ),
      errors: [
        [400, 'Invalid scope'],
        [404, 'User not found'],
        [410, 'User is not active'],
      ],
    },
  )
  create(@Caller() caller: AdminCaller, @AdminJsonBody() body: JsonObject) {
    return this.sessions.create(caller, body);
  }

  @Get(':id')
  @ApiOne(TAG, 'getPersonalSession', 'Get a personal session', SCHEMA)
  get(@Param('id', UlidParamPipe) id: string) {
    return this.sessions.get(id);
  }

  @Post(':id/revoke')
  @HttpCode(200)
  @ApiOne(TAG, 'revokePersonalSession', 'Revoke a personal session', SCHEMA, {
    errors: [
      [404, 'Not found'],
      [409, 'Already revoked'],
    ],
  })
  revoke(@Param('id', UlidParamPipe) id: string) {
    return this.sessions.revoke(id);
  }

  @Post(':id/regenerate')
  @HttpCode(201)
  @ApiOne(
    TAG,
    'regeneratePersonalSession',
    'Regenerate a personal session by replacing its access token',
    SCHEMA,
    {
      status: 201,
      body: object({ expires_in: EXPIRES_IN }, ['expires_in']),
      errors: [
        [403, 'Session does not belong to you'],
        [404, 'Not found'],
        [422, 'Session not valid'],
      ],
    },
  )
  regenerate(
    @Caller() caller: AdminCaller,
    @Param('id', UlidParamPipe) id: string,
    @OptionalAdminJsonBody() body: JsonObject,
  ) {
    return this.sessions.regenerate(caller, id, body);
  }
}
