import { Injectable, type OnModuleInit } from '@nestjs/common';
import { UrlBuilder } from '../http/url-builder';
import { ProviderMetadataRegistry } from '../provider-metadata/provider-metadata.registry';
import { ACCOUNT_ACTIONS } from './account-actions';
import { AccountFeatures } from './account-features';
import { ACCOUNT_PATH } from './account-page.service';

/**
 * MSC4191: `account_management_uri`, which Synapse requires in the metadata it serves at
 * `/_matrix/client/v1/auth_metadata`, and `account_management_actions_supported`: every action
 * `GET /account?action=` serves, without `org.matrix.account_deactivate` while
 * `account.account_deactivation_allowed` is off.
 */
@Injectable()
export class AccountMetadataContributor implements OnModuleInit {
  constructor(
    private readonly registry: ProviderMetadataRegistry,
    private readonly urls: UrlBuilder,
    private readonly features: AccountFeatures,
  ) {}

  onModuleInit(): void {
    const actions = ACCOUNT_ACTIONS.filter(
      (a) => a !== 'org.matrix.account_deactivate' || this.features.deactivation,
    );
    this.registry.contribute({
      account_management_uri: this.urls.absolute(ACCOUNT_PATH),
      account_management_actions_supported: [...actions],
    });
  }
}
