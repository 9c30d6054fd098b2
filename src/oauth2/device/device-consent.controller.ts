import { Body, Controller, Get, Param, Post, Res, UseFilters, UseGuards } from '@nestjs/common';
import type { Response } from 'express';
import { ServedBy } from '../../http/resource';
import { UseWebSession, Web, WebContext, WebPageErrorFilter, WebPages } from '../../web-session';
import { DeviceConsentService } from './device-consent.service';
import { DeviceGrantEnabledGuard } from './device-grant-enabled.guard';

/** `GET|POST /device/{id}` (MAS oauth2/device/consent.rs); POST is CSRF-checked. */
@Controller('device')
@ServedBy('human')
@UseGuards(DeviceGrantEnabledGuard)
@UseWebSession()
@UseFilters(WebPageErrorFilter)
export class DeviceConsentController {
  constructor(
    private readonly consent: DeviceConsentService,
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
