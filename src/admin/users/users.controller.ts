import { Get, HttpCode, Param, Post } from '@nestjs/common';
import { AdminJsonBody, type JsonObject, OptionalAdminJsonBody } from '../common/admin-body';
import { AdminController } from '../common/admin-route';
import { ApiList, ApiOne, BOOL, object, STRING, ULID } from '../common/api-docs';
import { AdminQuery } from '../common/list-query';
import { UlidParamPipe } from '../common/ulid-param.pipe';
import { USER_SCHEMA } from './user.view';
import { UsersAdminService } from './users-admin.service';

const TAG = 'user';
const NOT_FOUND: [number, string][] = [[404, 'User not found']];

/** MAS admin/v1/users/*. */
@AdminController('users')
export class UsersController {
  constructor(private readonly users: UsersAdminService) {}

  @Get()
  @ApiList(TAG, 'listUsers', 'List users', USER_SCHEMA, [
    { name: 'admin', schema: BOOL },
    { name: 'legacy-guest', schema: BOOL },
    { name: 'search', schema: STRING },
    { name: 'status', schema: { type: 'string', enum: ['active', 'locked', 'deactivated'] } },
    { name: 'active-oauth2-client', schema: ULID },
    { name: 'has-active-oauth2-session', schema: BOOL },
    { name: 'has-active-compat-session', schema: BOOL },
  ])
  list(@AdminQuery() query: URLSearchParams) {
    return this.users.list(query);
  }

  @Post()
  @HttpCode(201)
  @ApiOne(TAG, 'createUser', 'Create a new user', USER_SCHEMA, {
    status: 201,
    path: null,
    body: object(
      { username: STRING, skip_homeserver_check: BOOL, displayname: STRING, avatar_url: STRING },
      ['skip_homeserver_check', 'displayname', 'avatar_url'],
    ),
    errors: [
      [400, 'Invalid username'],
      [409, 'User already exists or username reserved by the homeserver'],
    ],
  })
  add(@AdminJsonBody() body: JsonObject) {
    return this.users.add(body);
  }

  @Get('by-username/:username')
  @ApiOne(TAG, 'getUserByUsername', 'Get a user by its username (localpart)', USER_SCHEMA, {
    path: 'username',
    errors: NOT_FOUND,
  })
  byUsername(@Param('username') username: string) {
    return this.users.byUsername(username);
  }

  @Get(':id')
  @ApiOne(TAG, 'getUser', 'Get a user', USER_SCHEMA, { errors: NOT_FOUND })
  get(@Param('id', UlidParamPipe) id: string) {
    return this.users.get(id);
  }

  @Post(':id/set-password')
  @HttpCode(204)
  @ApiOne(TAG, 'setUserPassword', 'Set the password for a user', null, {
    status: 204,
    body: object({ password: STRING, skip_password_check: BOOL }, ['skip_password_check']),
    errors: [
      [400, 'Password is too weak'],
      [403, 'Password auth is disabled'],
      [404, 'User not found'],
    ],
  })
  async setPassword(@Param('id', UlidParamPipe) id: string, @AdminJsonBody() body: JsonObject) {
    await this.users.setPassword(id, body);
  }

  @Post(':id/set-admin')
  @HttpCode(200)
  @ApiOne(TAG, 'userSetAdmin', 'Set whether a user can request admin', USER_SCHEMA, {
    body: object({ admin: BOOL }),
    errors: NOT_FOUND,
  })
  setAdmin(@Param('id', UlidParamPipe) id: string, @AdminJsonBody() body: JsonObject) {
    return this.users.setAdmin(id, body);
  }

  @Post(':id/deactivate')
  @HttpCode(200)
  @ApiOne(TAG, 'deactivateUser', 'Deactivate a user', USER_SCHEMA, {
    body: object({ skip_erase: BOOL }, ['skip_erase']),
    errors: NOT_FOUND,
  })
  deactivate(@Param('id', UlidParamPipe) id: string, @OptionalAdminJsonBody() body: JsonObject) {
    return this.users.deactivate(id, body);
  }

  @Post(':id/reactivate')
  @HttpCode(200)
  @ApiOne(TAG, 'reactivateUser', 'Reactivate a user', USER_SCHEMA, { errors: NOT_FOUND })
  reactivate(@Param('id', UlidParamPipe) id: string) {
    return this.users.reactivate(id);
  }

  @Post(':id/lock')
  @HttpCode(200)
  @ApiOne(TAG, 'lockUser', 'Lock a user', USER_SCHEMA, { errors: NOT_FOUND })
  lock(@Param('id', UlidParamPipe) id: string) {
    return this.users.lock(id);
  }

  @Post(':id/unlock')
  @HttpCode(200)
  @ApiOne(TAG, 'unlockUser', 'Unlock a user', USER_SCHEMA, { errors: NOT_FOUND })
  unlock(@Param('id', UlidParamPipe) id: string) {
    return this.users.unlock(id);
  }
}
