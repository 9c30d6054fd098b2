import { Body, Controller, Get, Param, Post, Res, UseFilters } from '@nestjs/common';
import type { Response } from 'express';
import { ServedBy } from '../../http/resource';
import { UseWebSession, Web, WebContext, WebPageErrorFilter, WebPages } from '../../web-session';
import { parseStepForm } from './registration-forms';
import { RegistrationPages } from './registration-pages.service';

/** `/register/steps/{id}/*` (MAS views/register/steps/*). */
@Controller('register/steps/:id')
@ServedBy('human')
@UseWebSession()
@UseFilters(WebPageErrorFilter)
export class RegisterStepsController {
  constructor(
    private readonly registration: RegistrationPages,
    private readonly pages: WebPages,
  ) {}

  @Get('verify-email')
  async codeForm(
    @Web() web: WebContext,
    @Param('id') id: string,
    @Res() res: Response,
  ): Promise<void> {
    this.pages.send(res, web, await this.registration.verifyEmailForm(web, id));
  }

  @Post('verify-email')
  async code(
    @Web() web: WebContext,
    @Param('id') id: string,
    @Body() body: unknown,
    @Res() res: Response,
  ): Promise<void> {
    this.pages.send(
      res,
      web,
      await this.registration.submitVerifyEmail(web, id, parseStepForm(body, 'code')),
    );
  }

  @Get('token')
  async tokenForm(
    @Web() web: WebContext,
    @Param('id') id: string,
    @Res() res: Response,
  ): Promise<void> {
    this.pages.send(res, web, await this.registration.tokenForm(web, id));
  }

  @Post('token')
  async token(
    @Web() web: WebContext,
    @Param('id') id: string,
    @Body() body: unknown,
    @Res() res: Response,
  ): Promise<void> {
    this.pages.send(
      res,
      web,
      await this.registration.submitToken(web, id, parseStepForm(body, 'token')),
    );
  }

  @Get('display-name')
  async displayNameForm(
    @Web() web: WebContext,
    @Param('id') id: string,
    @Res() res: Response,
  ): Promise<void> {
    this.pages.send(res, web, await this.registration.displayNameForm(web, id));
  }

  @Post('display-name')
  async displayName(
    @Web() web: WebContext,
    @Param('id') id: string,
    @Body() body: unknown,
    @Res() res: Response,
  ): Promise<void> {
    this.pages.send(
      res,
      web,
      await this.registration.submitDisplayName(web, id, parseStepForm(body, 'display_name')),
    );
  }

  @Get('finish')
  async finish(
    @Web() web: WebContext,
    @Param('id') id: string,
    @Res() res: Response,
  ): Promise<void> {
    this.pages.send(res, web, await this.registration.finish(web, id));
  }
}
