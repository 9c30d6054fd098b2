import { type CanActivate, Injectable, NotFoundException } from '@nestjs/common';
import { OAuthConfig } from '../../config';

/**
 * The device authorization endpoint and its pages exist only while
 * `oauth.device_code_grant_enabled` is on (MAS); otherwise they answer like an unknown route.
 */
@Injectable()
export class DeviceGrantEnabledGuard implements CanActivate {
  constructor(private readonly oauth: OAuthConfig) {}

  canActivate(): boolean {
    if (!this.oauth.device_code_grant_enabled) throw new NotFoundException();
    return true;
  }
}
