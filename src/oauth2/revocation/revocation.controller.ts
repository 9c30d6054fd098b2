import { Body, Controller, Header, Headers, HttpCode, Post, UseFilters } from '@nestjs/common';
import { OAuthErrorFilter } from '../../http/errors/oauth-error.filter';
import { ServedBy } from '../../http/resource';
import { RevocationService } from './revocation.service';

@Controller('oauth2')
@ServedBy('oauth')
@UseFilters(OAuthErrorFilter)
export class RevocationController {
  constructor(private readonly revocation: RevocationService) {}

  /** RFC 7009 §2.2: 200 with an empty body, whether or not the token was valid. */
  @Post('revoke')
  @HttpCode(200)
  @Header('Cache-Control', 'no-store')
  revoke(
    @Body() body: Record<string, unknown> | undefined,
    @Headers('authorization') authorization: string | undefined,
    @Headers('content-type') contentType: string | undefined,
  ): Promise<void> {
    return this.revocation.revoke({ authorization, contentType, body });
  }
}
