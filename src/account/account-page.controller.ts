import { Controller, Get, Res, UseFilters } from '@nestjs/common';
import type { Response } from 'express';
import { ServedBy } from '../http/resource';
import { UseWebSession, Web, WebContext, WebPages } from '../web-session';
import { AccountErrorFilter } from './account-error.filter';
import { AccountPageService } from './account-page.service';

/** `GET /account` (MSC4191 `account_management_uri`). */
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
  show(@Web() web: WebContext, @Res() res: Response): void {
    this.pages.send(res, web, this.account.show(web));
  }
}
