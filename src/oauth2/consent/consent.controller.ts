import { Body, Controller, Get, Param, Post, Res, UseFilters } from '@nestjs/common';
import type { Response } from 'express';
import { ServedBy } from '../../http/resource';
import { UseWebSession, Web, WebContext, WebPages } from '../../web-session';
import { AuthorizationErrorFilter } from '../authorize/authorization-error.filter';
import { ConsentService } from './consent.service';

/** `GET|POST /consent/{grant_id}` (MAS oauth2/authorization/consent.rs); POST is CSRF-checked. */
@Controller('consent')
@ServedBy('human')
@UseWebSession()
@UseFilters(AuthorizationErrorFilter)
export class ConsentController {
  constructor(
    private readonly consent: ConsentService,
    private readonly pages: WebPages,
  ) {}

  @Get(':grantId')
  async show(
    @Web() web: WebContext,
    @Param('grantId') grantId: string,
    @Res() res: Response,
  ): Promise<void> {
    this.pages.send(res, web, await this.consent.show(web, grantId));
  }

  @Post(':grantId')
  async decide(
    @Web() web: WebContext,
    @Param('grantId') grantId: string,
    @Body() body: Record<string, unknown> | undefined,
    @Res() res: Response,
  ): Promise<void> {
    this.pages.send(res, web, await this.consent.decide(web, grantId, body ?? {}));
  }
}
