import { Body, Controller, Get, Post, Query, Res, UseFilters } from '@nestjs/common';
import type { Response } from 'express';
import { ServedBy } from '../../http/resource';
import { UseWebSession, Web, WebContext, WebPageErrorFilter, WebPages } from '../../web-session';
import { parseNewPasswordForm, type RecoveryLinkQuery } from './recovery-forms';
import { RecoveryPages } from './recovery-pages.service';

/**
 * `GET /account/password/recovery?ticket=…`, the link of the recovery mail (MAS serves it from
 * its SPA), and `POST` of its new-password form.
 */
@Controller('account/password/recovery')
@ServedBy('human')
@UseWebSession()
@UseFilters(WebPageErrorFilter)
export class RecoveryLinkController {
  constructor(
    private readonly recovery: RecoveryPages,
    private readonly pages: WebPages,
  ) {}

  @Get()
  async form(
    @Web() web: WebContext,
    @Query() query: RecoveryLinkQuery,
    @Res() res: Response,
  ): Promise<void> {
    this.pages.send(res, web, await this.recovery.linkForm(query.ticket));
  }

  @Post()
  async submit(@Web() web: WebContext, @Body() body: unknown, @Res() res: Response): Promise<void> {
    this.pages.send(res, web, await this.recovery.submitPassword(parseNewPasswordForm(body)));
  }
}
