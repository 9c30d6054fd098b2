import {
  Body,
  Controller,
  Header,
  Headers,
  HttpCode,
  Ip,
  Post,
  UseFilters,
  UseGuards,
} from '@nestjs/common';
import { OAuthErrorFilter } from '../../http/errors/oauth-error.filter';
import { ServedBy } from '../../http/resource';
import type { DeviceAuthorizationResponse } from './device-authorization-response';
import { DeviceAuthorizationService } from './device-authorization.service';
import { DeviceGrantEnabledGuard } from './device-grant-enabled.guard';

@Controller('oauth2')
@ServedBy('oauth')
@UseGuards(DeviceGrantEnabledGuard)
@UseFilters(OAuthErrorFilter)
export class DeviceAuthorizationController {
  constructor(private readonly devices: DeviceAuthorizationService) {}

  /** RFC 8628 §3.2: the response is JSON and must not be cached (RFC 6749 §5.1). */
  @Post('device')
  @HttpCode(200)
  @Header('Cache-Control', 'no-store')
  @Header('Pragma', 'no-cache')
  authorize(
    @Body() body: Record<string, unknown> | undefined,
    @Headers('authorization') authorization: string | undefined,
    @Headers('content-type') contentType: string | undefined,
    @Headers('user-agent') userAgent: string | undefined,
    @Ip() ip: string | undefined,
  ): Promise<DeviceAuthorizationResponse> {
    return this.devices.authorize({
      authorization,
      contentType,
      body,
      ip: ip ?? null,
      userAgent: userAgent ?? null,
    });
  }
}
