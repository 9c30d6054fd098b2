import { Body, Controller, Get, Param, Post, Res, UseFilters } from '@nestjs/common';
import type { Response } from 'express';
import { ServedBy } from '../../http/resource';
import { UseWebSession, Web, WebContext, WebPageErrorFilter, WebPages } from '../../web-session';
import { AccountEmailsPages, type EmailForm } from './account-emails.service';

function parseForm(body: unknown, name: string): EmailForm {
  const b = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  const text = (v: unknown) => (typeof v === 'string' ? v : '');
  return { action: text(b.action), value: text(b[name]) };
}

/** `/account/emails` and its add, verify and remove forms. */
@Controller('account/emails')
@ServedBy('human')
@UseWebSession()
@UseFilters(WebPageErrorFilter)
export class AccountEmailsController {
  constructor(
    private readonly emails: AccountEmailsPages,
    private readonly pages: WebPages,
  ) {}

  @Get()
  async list(@Web() web: WebContext, @Res() res: Response): Promise<void> {
    this.pages.send(res, web, await this.emails.list(web));
  }

  @Post()
  async add(@Web() web: WebContext, @Body() body: unknown, @Res() res: Response): Promise<void> {
    this.pages.send(res, web, await this.emails.add(web, parseForm(body, 'email')));
  }

  @Get(':id/verify')
  async verifyForm(
    @Web() web: WebContext,
    @Param('id') id: string,
    @Res() res: Response,
  ): Promise<void> {
    this.pages.send(res, web, await this.emails.verifyForm(web, id));
  }

  @Post(':id/verify')
  async verify(
    @Web() web: WebContext,
    @Param('id') id: string,
    @Body() body: unknown,
    @Res() res: Response,
  ): Promise<void> {
    this.pages.send(res, web, await this.emails.verify(web, id, parseForm(body, 'code')));
  }

  @Post(':id/remove')
  async remove(
    @Web() web: WebContext,
    @Param('id') id: string,
    @Res() res: Response,
  ): Promise<void> {
    this.pages.send(res, web, await this.emails.remove(web, id));
  }
}
