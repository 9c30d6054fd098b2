import { Body, Controller, Get, Param, Post, Query, Res, UseFilters } from '@nestjs/common';
import type { Response } from 'express';
import { ServedBy } from '../../http/resource';
import { UseWebSession, Web, WebContext, WebPages } from '../../web-session';
import { AccountErrorFilter } from '../account-error.filter';
import { parseSessionRenameForm, type SessionQuery } from '../account-forms';
import { SessionPages } from './session-pages.service';

/** `/account/sessions…`: the signed-in user's sessions (MAS SPA `/sessions`, `/sessions/$id`). */
@Controller('account/sessions')
@ServedBy('human')
@UseWebSession()
@UseFilters(AccountErrorFilter)
export class SessionPagesController {
  constructor(
    private readonly sessions: SessionPages,
    private readonly pages: WebPages,
  ) {}

  @Get()
  async list(@Web() web: WebContext, @Res() res: Response): Promise<void> {
    this.pages.send(res, web, await this.sessions.list(web));
  }

  @Post('end-others')
  async endOthers(@Web() web: WebContext, @Res() res: Response): Promise<void> {
    this.pages.send(res, web, await this.sessions.endOthers(web));
  }

  @Get(':id')
  async detail(
    @Web() web: WebContext,
    @Param('id') id: string,
    @Query() query: SessionQuery,
    @Res() res: Response,
  ): Promise<void> {
    this.pages.send(res, web, await this.sessions.detail(web, id, query));
  }

  @Post(':id/rename')
  async rename(
    @Web() web: WebContext,
    @Param('id') id: string,
    @Body() body: unknown,
    @Res() res: Response,
  ): Promise<void> {
    this.pages.send(res, web, await this.sessions.rename(web, id, parseSessionRenameForm(body)));
  }

  @Post(':id/end')
  async end(@Web() web: WebContext, @Param('id') id: string, @Res() res: Response): Promise<void> {
    this.pages.send(res, web, await this.sessions.end(web, id));
  }
}
