import { Body, Controller, Get, Post, Res, UseFilters } from '@nestjs/common';
import type { Response } from 'express';
import { ServedBy } from '../../http/resource';
import { UseWebSession, Web, WebContext, WebPages } from '../../web-session';
import { AccountErrorFilter } from '../account-error.filter';
import { parseDeactivationForm } from '../account-forms';
import { DeactivationPages } from './deactivation-pages.service';

/** `GET /account/deactivate` and `POST /account/deactivate`. */
@Controller('account/deactivate')
@ServedBy('human')
@UseWebSession()
@UseFilters(AccountErrorFilter)
export class DeactivationController {
  constructor(
    private readonly deactivation: DeactivationPages,
    private readonly pages: WebPages,
  ) {}

  @Get()
  async form(@Web() web: WebContext, @Res() res: Response): Promise<void> {
    this.pages.send(res, web, await this.deactivation.form(web));
  }

  @Post()
  async submit(@Web() web: WebContext, @Body() body: unknown, @Res() res: Response): Promise<void> {
    this.pages.send(res, web, await this.deactivation.submit(web, parseDeactivationForm(body)));
  }
}
