import { Controller, Get, Param, Query, Res, UseFilters } from '@nestjs/common';
import type { Response } from 'express';
import { ServedBy } from '../../http/resource';
import { UseWebSession, Web, WebContext, WebPages } from '../../web-session';
import { AccountErrorFilter } from '../account-error.filter';
import type { SessionQuery } from '../account-forms';
import { SessionPages } from './session-pages.service';

/**
 * `GET /account/devices/{device_id}`: the session holding a Matrix device (MAS SPA
 * `/devices/$`), where the MSC4191 `device_view` and `device_delete` deep links go.
 */
@Controller('account/devices')
@ServedBy('human')
@UseWebSession()
@UseFilters(AccountErrorFilter)
export class DevicePagesController {
  constructor(
    private readonly sessions: SessionPages,
    private readonly pages: WebPages,
  ) {}

  @Get(':deviceId')
  async show(
    @Web() web: WebContext,
    @Param('deviceId') deviceId: string,
    @Query() query: SessionQuery,
    @Res() res: Response,
  ): Promise<void> {
    this.pages.send(res, web, await this.sessions.byDevice(web, deviceId, query));
  }
}
