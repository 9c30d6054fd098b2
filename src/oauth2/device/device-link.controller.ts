import { Body, Controller, Get, Post, Query, Res, UseFilters, UseGuards } from '@nestjs/common';
import type { Response } from 'express';
import { ServedBy } from '../../http/resource';
import { UseWebSession, Web, WebContext, WebPageErrorFilter, WebPages } from '../../web-session';
import { DeviceGrantEnabledGuard } from './device-grant-enabled.guard';
import { DeviceLinkService } from './device-link.service';

/** `GET|POST /link` (RFC 8628 §3.3 `verification_uri`; MAS oauth2/device/link.rs). */
@Controller('link')
@ServedBy('human')
@UseGuards(DeviceGrantEnabledGuard)
@UseWebSession()
@UseFilters(WebPageErrorFilter)
export class DeviceLinkController {
  constructor(
    private readonly link: DeviceLinkService,
    private readonly pages: WebPages,
  ) {}

  @Get()
  form(@Web() web: WebContext, @Query('code') code: unknown, @Res() res: Response): void {
    this.pages.send(res, web, this.link.showForm(code));
  }

  @Post()
  async submit(
    @Web() web: WebContext,
    @Body() body: Record<string, unknown> | undefined,
    @Res() res: Response,
  ): Promise<void> {
    this.pages.send(res, web, await this.link.submit(web, body?.code));
  }
}
