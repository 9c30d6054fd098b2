import { Injectable, type OnModuleInit } from '@nestjs/common';
import { ASYMMETRIC_ALGORITHMS, CLIENT_AUTH_METHODS, HMAC_ALGORITHMS } from '../../client-auth';
import { UrlBuilder } from '../../http/url-builder';
import { ProviderMetadataRegistry } from '../../provider-metadata/provider-metadata.registry';
import { REVOCATION_PATH } from './revocation.service';

/** Discovery metadata of the revocation endpoint (RFC 8414 §2, RFC 7009 §2). */
@Injectable()
export class RevocationMetadataContributor implements OnModuleInit {
  constructor(
    private readonly registry: ProviderMetadataRegistry,
    private readonly urls: UrlBuilder,
  ) {}

  onModuleInit(): void {
    this.registry.contribute({
      revocation_endpoint: this.urls.absolute(REVOCATION_PATH),
      // What ClientAuthenticator accepts there, so metadata never drifts from behaviour.
      revocation_endpoint_auth_methods_supported: [...CLIENT_AUTH_METHODS],
      revocation_endpoint_auth_signing_alg_values_supported: [
        ...HMAC_ALGORITHMS,
        ...ASYMMETRIC_ALGORITHMS,
      ],
    });
  }
}
