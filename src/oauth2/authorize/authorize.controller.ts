import { Body, Controller, Get, Post, Query, Res, UseFilters } from '@nestjs/common';
import type { Response } from 'express';
import { ServedBy } from '../../http/resource';
import { AcceptsForeignPost, UseWebSession, Web, WebContext, WebPages } from '../../web-session';
import { AuthorizationErrorFilter } from './authorization-error.filter';
import { AuthorizeService } from './authorize.service';

/** `GET|POST /authorize` (RFC 6749 §3.1; OIDC Core §3.1.2.1 requires both methods). */
@Controller('authorize')
@ServedBy('human')
@UseWebSession()
@UseFilters(AuthorizationErrorFilter)
export class AuthorizeController {
  constructor(
    private readonly authorize: AuthorizeService,
    private readonly pages: WebPages,
  ) {}

  @Get()
  async viaQuery(
    @Web() web: WebContext,
    @Query() query: unknown,
    @Res() res: Response,
  ): Promise<void> {
    this.pages.send(res, web, await this.authorize.authorize(web, query));
  }

  @Post()
  @AcceptsForeignPost()
  async viaForm(
    @Web() web: WebContext,
    @Body() body: unknown,
    @Res() res: Response,
  ): Promise<void> {
    this.pages.send(res, web, await this.authorize.authorize(web, body));
  }
}
