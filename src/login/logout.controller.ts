import { Controller, Post, Res, UseFilters } from '@nestjs/common';
import type { Response } from 'express';
import { ServedBy } from '../http/resource';
import { UseWebSession, Web, WebContext, WebPages, WebPageErrorFilter } from '../web-session';
import { LogoutService } from './logout.service';

/** `POST /logout` (MAS views/logout.rs); CSRF-checked like every form. */
@Controller('logout')
@ServedBy('human')
@UseWebSession()
@UseFilters(WebPageErrorFilter)
export class LogoutController {
  constructor(
    private readonly logout: LogoutService,
    private readonly pages: WebPages,
  ) {}

  @Post()
  async submit(@Web() web: WebContext, @Res() res: Response): Promise<void> {
    this.pages.send(res, web, await this.logout.logout(web));
  }
}
