import { Get, HttpCode, Param, Post } from '@nestjs/common';
import { AdminController } from '../common/admin-route';
import { ApiList, ApiOne, type FilterDoc, STRING, ULID, DATE_TIME } from '../common/api-docs';
import { AdminQuery } from '../common/list-query';
import { UlidParamPipe } from '../common/ulid-param.pipe';
import { COMPAT_SESSION_SCHEMA, OAUTH2_SESSION_SCHEMA, USER_SESSION_SCHEMA } from './session.views';
import { SessionsAdminService } from './sessions-admin.service';

const STATUS: FilterDoc = {
  name: 'status',
  schema: { type: 'string', enum: ['active', 'finished'] },
};
const TIMES: FilterDoc[] = [
  'created-before',
  'created-after',
  'last-active-before',
  'last-active-after',
].map((name) => ({ name, schema: DATE_TIME }));
const USER: FilterDoc = { name: 'user', schema: ULID };
const USER_SESSION: FilterDoc = { name: 'user-session', schema: ULID };
const FINISH_ERRORS: [number, string][] = [
  [400, 'Session already finished'],
  [404, 'Session not found'],
];

/** MAS admin/v1/user_sessions/*. */
@AdminController('user-sessions')
export class UserSessionsController {
  constructor(private readonly sessions: SessionsAdminService) {}

  @Get()
  @ApiList('user-session', 'listUserSessions', 'List user sessions', USER_SESSION_SCHEMA, [
    USER,
    STATUS,
    ...TIMES,
  ])
  list(@AdminQuery() query: URLSearchParams) {
    return this.sessions.listUserSessions(query);
  }

  @Get(':id')
  @ApiOne('user-session', 'getUserSession', 'Get a user session', USER_SESSION_SCHEMA)
  get(@Param('id', UlidParamPipe) id: string) {
    return this.sessions.getUserSession(id);
  }

  @Post(':id/finish')
  @HttpCode(200)
  @ApiOne('user-session', 'finishUserSession', 'Finish a user session', USER_SESSION_SCHEMA, {
    errors: FINISH_ERRORS,
  })
  finish(@Param('id', UlidParamPipe) id: string) {
    return this.sessions.finishUserSession(id);
  }
}

/** MAS admin/v1/compat_sessions/*. */
@AdminController('compat-sessions')
export class CompatSessionsController {
  constructor(private readonly sessions: SessionsAdminService) {}

  @Get()
  @ApiList(
    'compat-session',
    'listCompatSessions',
    'List compatibility sessions',
    COMPAT_SESSION_SCHEMA,
    [USER, USER_SESSION, STATUS, ...TIMES],
  )
  list(@AdminQuery() query: URLSearchParams) {
    return this.sessions.listCompatSessions(query);
  }

  @Get(':id')
  @ApiOne(
    'compat-session',
    'getCompatSession',
    'Get a compatibility session',
    COMPAT_SESSION_SCHEMA,
  )
  get(@Param('id', UlidParamPipe) id: string) {
    return this.sessions.getCompatSession(id);
  }

  @Post(':id/finish')
  @HttpCode(200)
  @ApiOne(
    'compat-session',
    'finishCompatSession',
    'Finish a compatibility session',
    COMPAT_SESSION_SCHEMA,
    {
      errors: FINISH_ERRORS,
    },
  )
  finish(@Param('id', UlidParamPipe) id: string) {
    return this.sessions.finishCompatSession(id);
  }
}

/** MAS admin/v1/oauth2_sessions/*. */
@AdminController('oauth2-sessions')
export class OAuth2SessionsController {
  constructor(private readonly sessions: SessionsAdminService) {}

  @Get()
  @ApiList(
    'oauth2-session',
    'listOAuth2Sessions',
    'List OAuth 2.0 sessions',
    OAUTH2_SESSION_SCHEMA,
    [
      USER,
      { name: 'client', schema: ULID, description: 'May be repeated' },
      { name: 'client-kind', schema: { type: 'string', enum: ['dynamic', 'static'] } },
      USER_SESSION,
      { name: 'scope', schema: STRING, description: 'May be repeated' },
      STATUS,
      ...TIMES,
    ],
  )
  list(@AdminQuery() query: URLSearchParams) {
    return this.sessions.listOAuth2Sessions(query);
  }

  @Get(':id')
  @ApiOne('oauth2-session', 'getOAuth2Session', 'Get an OAuth 2.0 session', OAUTH2_SESSION_SCHEMA)
  get(@Param('id', UlidParamPipe) id: string) {
    return this.sessions.getOAuth2Session(id);
  }

  @Post(':id/finish')
  @HttpCode(200)
  @ApiOne(
    'oauth2-session',
    'finishOAuth2Session',
    'Finish an OAuth 2.0 session',
    OAUTH2_SESSION_SCHEMA,
    {
      errors: FINISH_ERRORS,
    },
  )
  finish(@Param('id', UlidParamPipe) id: string) {
    return this.sessions.finishOAuth2Session(id);
  }
}
