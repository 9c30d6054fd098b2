import { Injectable, type OnModuleInit } from '@nestjs/common';
import { OAuthConfig } from '../../config';
import { UrlBuilder } from '../../http/url-builder';
import { DEVICE_CODE_GRANT_TYPE } from '../../protocol/grant-types';
import { ProviderMetadataRegistry } from '../../provider-metadata/provider-metadata.registry';
import { DEVICE_AUTHORIZATION_PATH } from './device-paths';

/**
 * RFC 8628 §4: `device_authorization_endpoint` and the device grant type, advertised only
 * while `oauth.device_code_grant_enabled` is on (MAS discovery.rs).
 */
@Injectable()
export class DeviceMetadataContributor implements OnModuleInit {
  constructor(
    private readonly registry: ProviderMetadataRegistry,
    private readonly urls: UrlBuilder,
    private readonly oauth: OAuthConfig,
  ) {}

  onModuleInit(): void {
    if (!this.oauth.device_code_grant_enabled) return;
    this.registry.contribute({
      device_authorization_endpoint: this.urls.absolute(DEVICE_AUTHORIZATION_PATH),
      grant_types_supported: [DEVICE_CODE_GRANT_TYPE],
    });
  }
}
