import { Injectable, type OnModuleInit } from '@nestjs/common';
import { ASYMMETRIC_ALGORITHMS, CLIENT_AUTH_METHODS, HMAC_ALGORITHMS } from '../../client-auth';
import { Keystore } from '../../core';
import { UrlBuilder } from '../../http/url-builder';
import { CLIENT_CREDENTIALS_GRANT_TYPE } from '../../protocol/grant-types';
import { ProviderMetadataRegistry } from '../../provider-metadata/provider-metadata.registry';
import { TOKEN_PATH } from './token-endpoint.service';

/** Discovery metadata of the token endpoint and the ID tokens it issues. */
@Injectable()
export class TokenMetadataContributor implements OnModuleInit {
  constructor(
    private readonly registry: ProviderMetadataRegistry,
    private readonly urls: UrlBuilder,
    private readonly keystore: Keystore,
  ) {}

  onModuleInit(): void {
    this.registry.contribute({
      token_endpoint: this.urls.absolute(TOKEN_PATH),
      grant_types_supported: ['authorization_code', 'refresh_token', CLIENT_CREDENTIALS_GRANT_TYPE],
      // RFC 8414 §2: what ClientAuthenticator accepts, so metadata never drifts from behaviour.
      token_endpoint_auth_methods_supported: [...CLIENT_AUTH_METHODS],
      token_endpoint_auth_signing_alg_values_supported: [
        ...HMAC_ALGORITHMS,
        ...ASYMMETRIC_ALGORITHMS,
      ],
      id_token_signing_alg_values_supported: this.keystore.signingAlgorithms(),
      subject_types_supported: ['public'],
      claims_supported: [
        'iss',
        'sub',
        'aud',
        'iat',
        'exp',
        'nonce',
        'auth_time',
        'at_hash',
        'preferred_username',
        'email',
        'email_verified',
      ],
      claim_types_supported: ['normal'],
    });
  }
}
