import { Injectable, type OnModuleInit } from '@nestjs/common';
import { UrlBuilder } from '../../http/url-builder';
import { ProviderMetadataRegistry } from '../../provider-metadata/provider-metadata.registry';
import { API_SCOPE_STABLE, API_SCOPE_UNSTABLE } from '../../scopes/scope';
import { RESPONSE_MODES } from './authorization-response';
import { AccountConfig, PasswordsConfig } from '../../config';
import { passwordRegistrationEnabled } from '../../registration/registration-settings';
import { promptValues } from './checks/prompt.check';

/**
 * Discovery metadata of the authorization endpoint (RFC 8414 §2, OIDC Discovery §3), derived
 * from what `AuthorizeService` accepts.
 */
@Injectable()
export class AuthorizeMetadataContributor implements OnModuleInit {
  constructor(
    private readonly registry: ProviderMetadataRegistry,
    private readonly urls: UrlBuilder,
    private readonly account: AccountConfig,
    private readonly passwords: PasswordsConfig,
  ) {}

  onModuleInit(): void {
    this.registry.contribute({
      authorization_endpoint: this.urls.absolute('authorize'),
      response_types_supported: ['code'],
      response_modes_supported: [...RESPONSE_MODES],
      code_challenge_methods_supported: ['S256'],
      scopes_supported: ['openid', 'email', API_SCOPE_STABLE, API_SCOPE_UNSTABLE],
      prompt_values_supported: promptValues(
        passwordRegistrationEnabled(this.account, this.passwords),
      ),
      display_values_supported: ['page'],
      authorization_response_iss_parameter_supported: true,
      request_parameter_supported: false,
      request_uri_parameter_supported: false,
      claims_parameter_supported: false,
    });
  }
}
