import { Injectable, type OnModuleInit } from '@nestjs/common';
import { Keystore } from '../../core';
import { UrlBuilder } from '../../http/url-builder';
import { ProviderMetadataRegistry } from '../../provider-metadata/provider-metadata.registry';
import { TOKEN_PATH } from './token-endpoint.service';

/** Client authentication methods the token endpoint accepts (RFC 8414 §2). */
export const TOKEN_AUTH_METHODS = [
  'client_secret_basic',
  'client_secret_post',
  'client_secret_jwt',
  'private_key_jwt',
  'none',
];

const ASSERTION_ALGS = [
  'HS256',
  'HS384',
  'HS512',
  'RS256',
  'RS384',
  'RS512',
  'PS256',
  'PS384',
  'PS512',
  'ES256',
  'ES384',
];

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
      grant_types_supported: ['authorization_code', 'refresh_token'],
      token_endpoint_auth_methods_supported: TOKEN_AUTH_METHODS,
      token_endpoint_auth_signing_alg_values_supported: ASSERTION_ALGS,
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
      ],
      claim_types_supported: ['normal'],
    });
  }
}
