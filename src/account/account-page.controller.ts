import { Body, Controller, Get, Post, Query, Res, UseFilters } from '@nestjs/common';
import type { Response } from 'express';
import { ServedBy } from '../http/resource';
import { UseWebSession, Web, WebContext, WebPages } from '../web-session';
import { AccountErrorFilter } from './account-error.filter';
import { type AccountQuery, parseDisplayNameForm } from './account-forms';
import { AccountPageService } from './account-page.service';

/** `GET /account` (MSC4191 `account_management_uri` and its `?action=` deep links). */
@Controller('account')
@ServedBy('human')
@UseWebSession()
@UseFilters(AccountErrorFilter)
export class AccountPageController {
  constructor(
    private readonly account: AccountPageService,
    private readonly pages: WebPages,
  ) {}

  @Get()
  async show(
    @Web() web: WebContext,
    @Query() query: AccountQuery,
    @Res() res: Response,
  ): Promise<void> {
    this.pages.send(res, web, await this.account.show(web, query));
  }

  @Post('display-name')
  async setDisplayName(
    @Web() web: WebContext,
    @Body() body: unknown,
    @Res() res: Response,
  ): Promise<void> {
    this.pages.send(res, web, await this.account.setDisplayName(web, parseDisplayNameForm(body)));
  }
}
