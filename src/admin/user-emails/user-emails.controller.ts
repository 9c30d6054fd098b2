import { Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import { AdminJsonBody, type JsonObject } from '../common/admin-body';
import { AdminController } from '../common/admin-route';
import { ApiList, ApiOne, object, STRING, ULID } from '../common/api-docs';
import { AdminQuery } from '../common/list-query';
import { UlidParamPipe } from '../common/ulid-param.pipe';
import { USER_EMAIL_SCHEMA, UserEmailsAdminService } from './user-emails-admin.service';

const TAG = 'user-email';

/** MAS admin/v1/user_emails/*. */
@AdminController('user-emails')
export class UserEmailsController {
  constructor(private readonly emails: UserEmailsAdminService) {}

  @Get()
  @ApiList(TAG, 'listUserEmails', 'List user emails', USER_EMAIL_SCHEMA, [
    { name: 'user', schema: ULID },
    { name: 'email', schema: STRING },
  ])
  list(@AdminQuery() query: URLSearchParams) {
    return this.emails.list(query);
  }

  @Post()
  @HttpCode(201)
  @ApiOne(TAG, 'addUserEmail', 'Add a user email', USER_EMAIL_SCHEMA, {
    status: 201,
    path: null,
    body: object({ user_id: ULID, email: { type: 'string', format: 'email' } }),
    errors: [
      [400, 'Email is not valid'],
      [404, 'User not found'],
      [409, 'Email already in use'],
    ],
  })
  add(@AdminJsonBody() body: JsonObject) {
    return this.emails.add(body);
  }

  @Get(':id')
  @ApiOne(TAG, 'getUserEmail', 'Get a user email', USER_EMAIL_SCHEMA)
  get(@Param('id', UlidParamPipe) id: string) {
    return this.emails.get(id);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOne(TAG, 'deleteUserEmail', 'Delete a user email', null, { status: 204 })
  async remove(@Param('id', UlidParamPipe) id: string) {
    await this.emails.remove(id);
  }
}
