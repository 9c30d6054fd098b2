import { Controller, Get, Res, UseFilters } from '@nestjs/common';
import type { Response } from 'express';
import { ServedBy } from '../http/resource';
import { UseWebSession, Web, WebContext, WebPages, WebPageErrorFilter } from '../web-session';
import { IndexPageService } from './index-page.service';

/** `GET /` (MAS views/index.rs). */
@Controller()
@ServedBy('human')
@UseWebSession()
@UseFilters(WebPageErrorFilter)
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
