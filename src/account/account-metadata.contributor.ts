import { Injectable, type OnModuleInit } from '@nestjs/common';
import { UrlBuilder } from '../http/url-builder';
import { ProviderMetadataRegistry } from '../provider-metadata/provider-metadata.registry';
import { ACCOUNT_PATH } from './account-page.service';

/**
 * MSC4191: `account_management_uri`, which Synapse requires in the metadata it serves at
 * `/_matrix/client/v1/auth_metadata`. `account_management_actions_supported` is left out
 * until the page serves an action (MSC4191 makes it optional).
 */
@Injectable()
export class AccountMetadataContributor implements OnModuleInit {
  constructor(
    private readonly registry: ProviderMetadataRegistry,
    private readonly urls: UrlBuilder,
  ) {}

  onModuleInit(): void {
    this.registry.contribute({ account_management_uri: this.urls.absolute(ACCOUNT_PATH) });
  }
}
