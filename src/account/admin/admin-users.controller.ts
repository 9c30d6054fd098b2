import { Body, Controller, Get, Param, Post, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { Web, WebContext, WebPages } from '../../web-session';
import { field, parseSetPasswordForm, parseUserSearch, ticked, ulidOrNull } from './admin-forms';
import { adminOf } from './admin-of';
import { AdminPages } from './admin-pages.decorator';
import { AdminUserActions } from './admin-user-actions.service';
import { AdminUserPage } from './admin-user-page.service';
import { AdminUserSearch } from './admin-user-search.service';

/** `/account/admin` (user search) and `/account/admin/users/{id}` with its actions. */
@Controller('account/admin')
@AdminPages()
export class AdminUsersController {
  constructor(
    private readonly search: AdminUserSearch,
    private readonly userPage: AdminUserPage,
    private readonly actions: AdminUserActions,
    private readonly pages: WebPages,
  ) {}

  @Get()
  async list(@Web() web: WebContext, @Query() query: unknown, @Res() res: Response) {
    this.pages.send(res, web, await this.search.search(parseUserSearch(query)));
  }

  @Get('users/:id')
  async show(
    @Web() web: WebContext,
    @Param('id') id: string,
    @Query('done') done: unknown,
    @Res() res: Response,
  ) {
    this.pages.send(
      res,
      web,
      await this.userPage.show(adminOf(web), ulidOrNull(id), { notice: done }),
    );
  }

  @Post('users/:id/lock')
  async lock(@Web() web: WebContext, @Param('id') id: string, @Res() res: Response) {
    this.pages.send(res, web, await this.actions.lock(adminOf(web), ulidOrNull(id)));
  }

  @Post('users/:id/unlock')
  async unlock(@Web() web: WebContext, @Param('id') id: string, @Res() res: Response) {
    this.pages.send(res, web, await this.actions.unlock(adminOf(web), ulidOrNull(id)));
  }

  @Get('users/:id/deactivate')
  async confirmDeactivate(@Web() web: WebContext, @Param('id') id: string, @Res() res: Response) {
    this.pages.send(
      res,
      web,
      await this.actions.confirm(adminOf(web), ulidOrNull(id), 'deactivate'),
    );
  }

  @Post('users/:id/deactivate')
  async deactivate(
    @Web() web: WebContext,
    @Param('id') id: string,
    @Body() body: unknown,
    @Res() res: Response,
  ) {
    this.pages.send(
      res,
      web,
      await this.actions.deactivate(adminOf(web), ulidOrNull(id), ticked(body, 'erase')),
    );
  }

  @Get('users/:id/reactivate')
  async confirmReactivate(@Web() web: WebContext, @Param('id') id: string, @Res() res: Response) {
    this.pages.send(
      res,
      web,
      await this.actions.confirm(adminOf(web), ulidOrNull(id), 'reactivate'),
    );
  }

  @Post('users/:id/reactivate')
  async reactivate(@Web() web: WebContext, @Param('id') id: string, @Res() res: Response) {
    this.pages.send(res, web, await this.actions.reactivate(adminOf(web), ulidOrNull(id)));
  }

  @Post('users/:id/set-admin')
  async setAdmin(
    @Web() web: WebContext,
    @Param('id') id: string,
    @Body() body: unknown,
    @Res() res: Response,
  ) {
    this.pages.send(
      res,
      web,
      await this.actions.setAdmin(
        adminOf(web),
        ulidOrNull(id),
        field(body, 'admin') === '1',
        ticked(body, 'confirm'),
      ),
    );
  }

  @Post('users/:id/set-password')
  async setPassword(
    @Web() web: WebContext,
    @Param('id') id: string,
    @Body() body: unknown,
    @Res() res: Response,
  ) {
    this.pages.send(
      res,
      web,
      await this.actions.setPassword(adminOf(web), ulidOrNull(id), parseSetPasswordForm(body)),
    );
  }

  @Post('users/:id/sessions/:kind/:session/end')
  async endSession(
    @Web() web: WebContext,
    @Param('id') id: string,
    @Param('kind') kind: string,
    @Param('session') session: string,
    @Res() res: Response,
  ) {
    this.pages.send(
      res,
      web,
      await this.actions.endSession(adminOf(web), ulidOrNull(id), kind, ulidOrNull(session)),
    );
  }
}
