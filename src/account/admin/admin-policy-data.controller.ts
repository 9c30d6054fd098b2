import { Body, Controller, Get, Post, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { Web, WebContext, WebPages } from '../../web-session';
import { field } from './admin-forms';
import { adminOf } from './admin-of';
import { AdminPages } from './admin-pages.decorator';
import { AdminPolicyData } from './admin-policy-data.service';

/** `/account/admin/policy-data`: show and edit the dynamic policy data. */
@Controller('account/admin/policy-data')
@AdminPages()
export class AdminPolicyDataController {
  constructor(
    private readonly policyData: AdminPolicyData,
    private readonly pages: WebPages,
  ) {}

  @Get()
  async show(@Web() web: WebContext, @Query('done') done: unknown, @Res() res: Response) {
    this.pages.send(res, web, await this.policyData.show(done));
  }

  @Post()
  async save(@Web() web: WebContext, @Body() body: unknown, @Res() res: Response) {
    this.pages.send(res, web, await this.policyData.save(adminOf(web), field(body, 'data')));
  }
}
