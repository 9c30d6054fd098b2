import { Injectable, type OnModuleInit } from '@nestjs/common';
import type { JWK } from 'jose';
import { Keystore } from '../../core';
import { UrlBuilder } from '../../http/url-builder';
import { ProviderMetadataRegistry } from '../../provider-metadata/provider-metadata.registry';

export const JWKS_PATH = 'oauth2/keys.json';

@Injectable()
export class JwksService implements OnModuleInit {
  constructor(
    private readonly keystore: Keystore,
    private readonly urls: UrlBuilder,
    private readonly registry: ProviderMetadataRegistry,
  ) {}

  onModuleInit(): void {
    // RFC 8414 §2 `jwks_uri`.
    this.registry.contribute({ jwks_uri: this.urls.absolute(JWKS_PATH) });
  }

  /** The public signing keys (RFC 7517 §5); private members never leave the keystore. */
  publicKeys(): { keys: JWK[] } {
    return this.keystore.publicJwks();
  }
}
