import { Controller, Headers, HttpCode, Post, Query, UseFilters } from '@nestjs/common';
import { ServedBy } from '../../http/resource';
import { MatrixErrorFilter } from '../matrix-error.filter';
import { CompatLogoutService } from './compat-logout.service';

/** `POST /_matrix/client/{version}/logout` and `.../logout/all`. */
@Controller('_matrix/client/:version')
@ServedBy('compat')
@UseFilters(MatrixErrorFilter)
export class CompatLogoutController {
  constructor(private readonly logout: CompatLogoutService) {}

  @Post('logout')
  @HttpCode(200)
  one(
    @Headers('authorization') authorization: string | undefined,
    @Query('access_token') queryToken: unknown,
  ): Promise<Record<string, never>> {
    return this.logout.logout({ authorization, queryToken });
  }

  @Post('logout/all')
  @HttpCode(200)
  all(
    @Headers('authorization') authorization: string | undefined,
    @Query('access_token') queryToken: unknown,
  ): Promise<Record<string, never>> {
    return this.logout.logoutAll({ authorization, queryToken });
  }
}
