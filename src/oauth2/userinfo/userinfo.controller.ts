import { Controller, Get, Headers, Post, Res, UseFilters } from '@nestjs/common';
import type { Response } from 'express';
import { OAuthErrorFilter } from '../../http/errors/oauth-error.filter';
import { ServedBy } from '../../http/resource';
import { FormBody } from './userinfo-request.decorators';
import { sendUserinfo } from './userinfo-response';
import { UserinfoService } from './userinfo.service';

/** OIDC Core §5.3.1: the UserInfo endpoint MUST support GET and POST. */
@Controller('oauth2')
@ServedBy('oauth')
@UseFilters(OAuthErrorFilter)
export class UserinfoController {
  constructor(private readonly userinfo: UserinfoService) {}

  /** The token comes only from the Authorization header (RFC 6750 §2.2 excludes GET bodies). */
  @Get('userinfo')
  async get(
    @Headers('authorization') authorization: string | undefined,
    @Res() res: Response,
  ): Promise<void> {
    sendUserinfo(res, await this.userinfo.answer({ authorization }));
  }

  @Post('userinfo')
  async post(
    @Headers('authorization') authorization: string | undefined,
    @FormBody() form: Record<string, unknown> | undefined,
    @Res() res: Response,
  ): Promise<void> {
    sendUserinfo(res, await this.userinfo.answer({ authorization, form }));
  }
}
