import { Controller, Get, Post, Res, UseFilters } from '@nestjs/common';
import type { Response } from 'express';
import { ServedBy } from '../../http/resource';
import { UseWebSession, Web, WebContext, WebPages } from '../../web-session';
import { AccountErrorFilter } from '../account-error.filter';
import { CrossSigningResetPages } from './cross-signing-reset-pages.service';

/** `GET /account/cross-signing-reset` and `POST /account/cross-signing-reset`. */
@Controller('account/cross-signing-reset')
@ServedBy('human')
@UseWebSession()
@UseFilters(AccountErrorFilter)
export class CrossSigningResetController {
  constructor(
    private readonly reset: CrossSigningResetPages,
    private readonly pages: WebPages,
  ) {}

  @Get()
  form(@Web() web: WebContext, @Res() res: Response): void {
    this.pages.send(res, web, this.reset.form(web));
  }

  @Post()
  async allow(@Web() web: WebContext, @Res() res: Response): Promise<void> {
    this.pages.send(res, web, await this.reset.allow(web));
  }
}
