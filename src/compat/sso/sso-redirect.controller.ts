import { Controller, Get, Query, Res, UseFilters } from '@nestjs/common';
import type { Response } from 'express';
import { ServedBy } from '../../http/resource';
import { MatrixErrorFilter } from '../matrix-error.filter';
import { SsoRedirectService } from './sso-redirect.service';

/** `GET /_matrix/client/{version}/login/sso/redirect[/{idpId}]`. */
@Controller('_matrix/client/:version/login/sso')
@ServedBy('compat')
@UseFilters(MatrixErrorFilter)
export class SsoRedirectController {
  constructor(private readonly sso: SsoRedirectService) {}

  @Get(['redirect', 'redirect/:idpId'])
  async redirect(@Query('redirectUrl') redirectUrl: unknown, @Res() res: Response): Promise<void> {
    res.setHeader('Cache-Control', 'no-store');
    res.redirect(302, await this.sso.start(redirectUrl));
  }
}
