import { Body, Controller, Get, Param, Post, Res, UseFilters } from '@nestjs/common';
import type { Response } from 'express';
import { ServedBy } from '../../http/resource';
import { UseWebSession, Web, WebContext, WebPageErrorFilter, WebPages } from '../../web-session';
import { SsoCompletionService } from './sso-completion.service';

/** `GET|POST /complete-compat-sso/{id}` (MAS compat/login_sso_complete.rs); POST is CSRF-checked. */
@Controller('complete-compat-sso')
@ServedBy('human')
@UseWebSession()
@UseFilters(WebPageErrorFilter)
export class SsoCompletionController {
  constructor(
    private readonly completion: SsoCompletionService,
    private readonly pages: WebPages,
  ) {}

  @Get(':loginId')
  async show(
    @Web() web: WebContext,
    @Param('loginId') loginId: string,
    @Res() res: Response,
  ): Promise<void> {
    this.pages.send(res, web, await this.completion.show(web, loginId));
  }

  @Post(':loginId')
  async decide(
    @Web() web: WebContext,
    @Param('loginId') loginId: string,
    @Body() body: Record<string, unknown> | undefined,
    @Res() res: Response,
  ): Promise<void> {
    this.pages.send(res, web, await this.completion.decide(web, loginId, body ?? {}));
  }
}
