import { Body, Controller, Header, Headers, HttpCode, Post, UseFilters } from '@nestjs/common';
import { OAuthErrorFilter } from '../http/errors/oauth-error.filter';
import { ServedBy } from '../http/resource';
import type { IntrospectionResponse } from './introspection-response';
import { IntrospectionService } from './introspection.service';

@Controller('oauth2')
@ServedBy('oauth')
@UseFilters(OAuthErrorFilter)
export class IntrospectionController {
  constructor(private readonly introspection: IntrospectionService) {}

  /** RFC 7662 §2.2: 200 with a JSON object, `{"active": false}` for anything not active. */
  @Post('introspect')
  @HttpCode(200)
  @Header('Cache-Control', 'no-store')
  introspect(
    @Body() body: Record<string, unknown> | undefined,
    @Headers('authorization') authorization: string | undefined,
    @Headers('content-type') contentType: string | undefined,
    @Headers('x-mas-supports-device-id') supportsDeviceId: string | undefined,
  ): Promise<IntrospectionResponse> {
    return this.introspection.introspect({ authorization, contentType, supportsDeviceId, body });
  }
}
