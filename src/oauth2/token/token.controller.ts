import { Body, Controller, Headers, HttpCode, Ip, Post, UseFilters } from '@nestjs/common';
import { Header } from '@nestjs/common';
import { OAuthErrorFilter } from '../../http/errors/oauth-error.filter';
import { ServedBy } from '../../http/resource';
import { TokenEndpointService } from './token-endpoint.service';
import type { TokenResponse } from './token-response';

@Controller('oauth2')
@ServedBy('oauth')
@UseFilters(OAuthErrorFilter)
export class TokenController {
  constructor(private readonly tokens: TokenEndpointService) {}

  /** RFC 6749 §5.1: responses carry `Cache-Control: no-store` and `Pragma: no-cache`. */
  @Post('token')
  @HttpCode(200)
  @Header('Cache-Control', 'no-store')
  @Header('Pragma', 'no-cache')
  token(
    @Body() body: Record<string, unknown>,
    @Headers('authorization') authorization: string | undefined,
    @Headers('content-type') contentType: string | undefined,
    @Headers('user-agent') userAgent: string | undefined,
    @Ip() ip: string | undefined,
  ): Promise<TokenResponse> {
    return this.tokens.handle({
      authorization,
      contentType,
      body,
      userAgent: userAgent ?? null,
      ip: ip ?? null,
    });
  }
}
