import { Body, Controller, Get, Post, Res, UseFilters } from '@nestjs/common';
import type { Response } from 'express';
import { ServedBy } from '../../http/resource';
import { UseWebSession, Web, WebContext, WebPageErrorFilter, WebPages } from '../../web-session';
import { parseRecoverForm } from './recovery-forms';
import { RecoveryPages } from './recovery-pages.service';

/** `GET /recover` and `POST /recover` (MAS views/recovery/start.rs). */
@Controller('recover')
@ServedBy('human')
@UseWebSession()
@UseFilters(WebPageErrorFilter)
export class RecoverController {
  constructor(
    private readonly recovery: RecoveryPages,
    private readonly pages: WebPages,
  ) {}

  @Get()
  form(@Web() web: WebContext, @Res() res: Response): void {
    this.pages.send(res, web, this.recovery.startForm());
  }

  @Post()
  async submit(@Web() web: WebContext, @Body() body: unknown, @Res() res: Response): Promise<void> {
    this.pages.send(res, web, await this.recovery.submitStart(web, parseRecoverForm(body)));
  }
}
