import { Body, Controller, Get, Post, Query, Res, UseFilters } from '@nestjs/common';
import type { Response } from 'express';
import { ServedBy } from '../../http/resource';
import { UseWebSession, Web, WebContext, WebPageErrorFilter, WebPages } from '../../web-session';
import { parseRegistrationForm } from './registration-forms';
import { RegistrationLiveChecks } from './registration-live-checks.service';
import { RegistrationPages } from './registration-pages.service';

/** `GET /register`, `GET|POST /register/password` (MAS views/register/{mod,password}.rs). */
@Controller('register')
@ServedBy('human')
@UseWebSession()
@UseFilters(WebPageErrorFilter)
export class RegisterController {
  constructor(
    private readonly registration: RegistrationPages,
    private readonly live: RegistrationLiveChecks,
    private readonly pages: WebPages,
  ) {}

  @Get()
  entry(@Web() web: WebContext, @Query('next') next: unknown, @Res() res: Response): void {
    this.pages.send(res, web, this.registration.entry(web, next));
  }

  @Get('password')
  form(@Web() web: WebContext, @Query('next') next: unknown, @Res() res: Response): void {
    this.pages.send(res, web, this.registration.passwordForm(web, next));
  }

  @Post('password')
  async submit(@Web() web: WebContext, @Body() body: unknown, @Res() res: Response): Promise<void> {
    this.pages.send(
      res,
      web,
      await this.registration.submitPassword(web, parseRegistrationForm(body), body),
    );
  }

  /** Progressive enhancement of the form: is this username free? (JSON; the submit decides.) */
  @Get('username-available')
  async usernameAvailable(
    @Web() web: WebContext,
    @Query('username') username: unknown,
    @Res() res: Response,
  ): Promise<void> {
    const reply = await this.live.username(web, username);
    if (reply.status === 429) res.setHeader('Retry-After', String(reply.retryAfter));
    res.status(reply.status).setHeader('Cache-Control', 'no-store').json(reply.body);
  }

  /** Progressive enhancement of the form: the zxcvbn score of a password (JSON, CSRF-checked). */
  @Post('password-strength')
  strength(@Body() body: unknown, @Res() res: Response): void {
    res.status(200).setHeader('Cache-Control', 'no-store').json(this.live.strength(body));
  }
}
