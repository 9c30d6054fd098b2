import { Controller, Get, Res, UseFilters } from '@nestjs/common';
import type { Response } from 'express';
import { ServedBy } from '../http/resource';
import { UseWebSession, Web, WebContext, WebPages } from '../web-session';
import { IndexPageService } from './index-page.service';
import { LoginErrorFilter } from './login-error.filter';

/** `GET /` (MAS views/index.rs). */
@Controller()
@ServedBy('human')
@UseWebSession()
@UseFilters(LoginErrorFilter)
export class IndexPageController {
  constructor(
    private readonly index: IndexPageService,
    private readonly pages: WebPages,
  ) {}

  @Get()
  show(@Web() web: WebContext, @Res() res: Response): void {
    this.pages.send(res, web, this.index.show(web));
  }
}
