import { Injectable } from '@nestjs/common';
import { UrlBuilder } from '../http/url-builder';
import type { ProviderMetadata } from '../provider-metadata/provider-metadata';
import { ProviderMetadataRegistry } from '../provider-metadata/provider-metadata.registry';

@Injectable()
export class DiscoveryService {
  constructor(
    private readonly urls: UrlBuilder,
    private readonly registry: ProviderMetadataRegistry,
  ) {}

  /**
   * The provider metadata (OpenID Connect Discovery 1.0 §3, RFC 8414 §2): the issuer exactly as
   * configured (clients compare it byte for byte) and what the running feature modules serve.
   */
  document(): ProviderMetadata {
    return { issuer: this.urls.issuer, ...this.registry.snapshot() };
  }
}
