import { Injectable, type OnModuleInit } from '@nestjs/common';
import { Keystore } from '../../core';
import { UrlBuilder } from '../../http/url-builder';
import { ProviderMetadataRegistry } from '../../provider-metadata/provider-metadata.registry';
import { USERINFO_PATH } from './userinfo.service';

/** Discovery metadata of the UserInfo endpoint (OIDC Discovery 1.0 §3). */
@Injectable()
export class UserinfoMetadataContributor implements OnModuleInit {
  constructor(
    private readonly registry: ProviderMetadataRegistry,
    private readonly urls: UrlBuilder,
    private readonly keystore: Keystore,
  ) {}

  onModuleInit(): void {
    this.registry.contribute({
      userinfo_endpoint: this.urls.absolute(USERINFO_PATH),
      userinfo_signing_alg_values_supported: this.keystore.signingAlgorithms(),
      claims_supported: ['sub', 'username', 'preferred_username', 'email', 'email_verified'],
    });
  }
}
