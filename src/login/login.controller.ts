import { Body, Controller, Get, Post, Query, Res, UseFilters } from '@nestjs/common';
import type { Response } from 'express';
import { ServedBy } from '../http/resource';
import { UseWebSession, Web, WebContext, WebPages, WebPageErrorFilter } from '../web-session';
import { parseLoginForm, type LoginQuery } from './login-form';
import { LoginService } from './login.service';

/** `GET /login` and `POST /login` (MAS views/login.rs). */
@Controller('login')
@ServedBy('human')
@UseWebSession()
@UseFilters(WebPageErrorFilter)
export class LoginController {
  constructor(
    private readonly login: LoginService,
    private readonly pages: WebPages,
  ) {}

  @Get()
  form(@Web() web: WebContext, @Query() query: LoginQuery, @Res() res: Response): void {
    this.pages.send(res, web, this.login.showForm(web, query));
  }

  @Post()
  async submit(
    @Web() web: WebContext,
    @Body() body: unknown,
    @Query() query: LoginQuery,
    @Res() res: Response,
  ): Promise<void> {
    this.pages.send(res, web, await this.login.submit(web, parseLoginForm(body, query)));
  }
}
