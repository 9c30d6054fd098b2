import { Controller, Get, Headers, HttpCode, Ip, Post, UseFilters } from '@nestjs/common';
import { ServedBy } from '../../http/resource';
import { MatrixJsonBody } from '../matrix-body';
import { MatrixErrorFilter } from '../matrix-error.filter';
import type { LoginFlow } from './login-flows';
import { CompatLoginService, type LoginResponse } from './compat-login.service';

/** `GET|POST /_matrix/client/{version}/login` for any `{version}` (`v3`, `r0`, …). */
@Controller('_matrix/client/:version')
@ServedBy('compat')
@UseFilters(MatrixErrorFilter)
export class CompatLoginController {
  constructor(private readonly login: CompatLoginService) {}

  @Get('login')
  flows(): { flows: LoginFlow[] } {
    return this.login.flows();
  }

  @Post('login')
  @HttpCode(200)
  submit(
    @MatrixJsonBody() body: Record<string, unknown>,
    @Ip() ip: string | undefined,
    @Headers('user-agent') userAgent: string | undefined,
  ): Promise<LoginResponse> {
    return this.login.login(body, { ip: ip ?? null, userAgent: userAgent ?? null });
  }
}
