import { Body, Controller, Get, Param, Post, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { Web, WebContext, WebPages } from '../../web-session';
import { parseIssueTokenForm, parseTokenListQuery, ulidOrNull } from './admin-forms';
import { adminOf } from './admin-of';
import { AdminPages } from './admin-pages.decorator';
import { AdminRegistrationTokens } from './admin-registration-tokens.service';

/** `/account/admin/registration-tokens`: list, issue, revoke and unrevoke. */
@Controller('account/admin/registration-tokens')
@AdminPages()
export class AdminRegistrationTokensController {
  constructor(
    private readonly tokens: AdminRegistrationTokens,
    private readonly pages: WebPages,
  ) {}

  @Get()
  async list(@Web() web: WebContext, @Query() query: unknown, @Res() res: Response) {
    this.pages.send(res, web, await this.tokens.list(parseTokenListQuery(query)));
  }

  @Post()
  async issue(@Web() web: WebContext, @Body() body: unknown, @Res() res: Response) {
    this.pages.send(res, web, await this.tokens.issue(adminOf(web), parseIssueTokenForm(body)));
  }

  @Post(':id/revoke')
  async revoke(@Web() web: WebContext, @Param('id') id: string, @Res() res: Response) {
    this.pages.send(res, web, await this.tokens.setRevoked(adminOf(web), ulidOrNull(id), true));
  }

  @Post(':id/unrevoke')
  async unrevoke(@Web() web: WebContext, @Param('id') id: string, @Res() res: Response) {
    this.pages.send(res, web, await this.tokens.setRevoked(adminOf(web), ulidOrNull(id), false));
  }
}
