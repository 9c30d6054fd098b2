import { Body, Controller, Get, Post, Res, UseFilters } from '@nestjs/common';
import type { Response } from 'express';
import { ServedBy } from '../../http/resource';
import { UseWebSession, Web, WebContext, WebPages } from '../../web-session';
import { AccountErrorFilter } from '../account-error.filter';
import { parsePasswordChangeForm } from '../account-forms';
import { PasswordChangePages } from './password-change-pages.service';

/** `GET /account/password` and `POST /account/password`. */
@Controller('account/password')
@ServedBy('human')
@UseWebSession()
@UseFilters(AccountErrorFilter)
export class PasswordChangeController {
  constructor(
    private readonly passwords: PasswordChangePages,
    private readonly pages: WebPages,
  ) {}

  @Get()
  async form(@Web() web: WebContext, @Res() res: Response): Promise<void> {
    this.pages.send(res, web, await this.passwords.form(web));
  }

  @Post()
  async submit(@Web() web: WebContext, @Body() body: unknown, @Res() res: Response): Promise<void> {
    this.pages.send(res, web, await this.passwords.submit(web, parsePasswordChangeForm(body)));
  }
}
