import { Injectable, type OnModuleInit } from '@nestjs/common';
import { ASYMMETRIC_ALGORITHMS, CLIENT_AUTH_METHODS, HMAC_ALGORITHMS } from '../client-auth';
import { UrlBuilder } from '../http/url-builder';
import { ProviderMetadataRegistry } from '../provider-metadata/provider-metadata.registry';
import { INTROSPECTION_PATH } from './introspection-caller';

/** Discovery metadata of the introspection endpoint (RFC 8414 §2, RFC 7662 §4). */
@Injectable()
export class IntrospectionMetadataContributor implements OnModuleInit {
  constructor(
    private readonly registry: ProviderMetadataRegistry,
    private readonly urls: UrlBuilder,
  ) {}

  onModuleInit(): void {
    this.registry.contribute({
      introspection_endpoint: this.urls.absolute(INTROSPECTION_PATH),
      // The client methods the endpoint accepts: every method but `none` (public clients are
      // refused). The homeserver's Bearer shared secret is not a client method and not listed.
      introspection_endpoint_auth_methods_supported: CLIENT_AUTH_METHODS.filter(
        (m) => m !== 'none',
      ),
      introspection_endpoint_auth_signing_alg_values_supported: [
        ...HMAC_ALGORITHMS,
        ...ASYMMETRIC_ALGORITHMS,
      ],
    });
  }
}
