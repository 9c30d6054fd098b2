import { Column, Entity } from 'typeorm';
import { OptionalTextColumn, TextColumn, TimestampColumn } from '../columns';
import { UlidPrimaryColumn } from '../ulid-column';

/**
 * An upstream OAuth 2.0 / OIDC identity provider (synced from config). Mirrors MAS
 * `upstream_oauth_providers`; the client secret stays AES-GCM encrypted.
 */
@Entity({ name: 'upstream_oauth_providers' })
export class UpstreamOAuthProviderEntity {
  @UlidPrimaryColumn('upstream_oauth_provider_id', 'upstream_oauth_providers_pkey')
  id!: string;

  @OptionalTextColumn('issuer')
  issuer!: string | null;

  @OptionalTextColumn('human_name')
  humanName!: string | null;

  @OptionalTextColumn('brand_name')
  brandName!: string | null;

  @TextColumn('scope')
  scope!: string;

  @TextColumn('client_id')
  clientId!: string;

  @OptionalTextColumn('encrypted_client_secret')
  encryptedClientSecret!: string | null;

  @OptionalTextColumn('token_endpoint_signing_alg')
  tokenEndpointSigningAlg!: string | null;

  /** none | client_secret_basic | client_secret_post | client_secret_jwt | private_key_jwt | sign_in_with_apple */
  @TextColumn('token_endpoint_auth_method')
  tokenEndpointAuthMethod!: string;

  @Column({ type: 'text', name: 'id_token_signed_response_alg', default: 'RS256' })
  idTokenSignedResponseAlg!: string;

  @OptionalTextColumn('userinfo_signed_response_alg')
  userinfoSignedResponseAlg!: string | null;

  @Column({ type: 'boolean', name: 'fetch_userinfo', default: false })
  fetchUserinfo!: boolean;

  @TimestampColumn('created_at')
  createdAt!: Date;

  @TimestampColumn('disabled_at', { nullable: true })
  disabledAt!: Date | null;

  @Column({ type: 'jsonb', name: 'claims_imports', default: {} })
  claimsImports!: Record<string, unknown>;

  /** oidc | insecure | disabled */
  @Column({ type: 'text', name: 'discovery_mode', default: 'oidc' })
  discoveryMode!: string;

  /** auto | always | never */
  @Column({ type: 'text', name: 'pkce_mode', default: 'auto' })
  pkceMode!: string;

  /** query | form_post */
  @Column({ type: 'text', name: 'response_mode', nullable: true, default: 'query' })
  responseMode!: string | null;

  @OptionalTextColumn('jwks_uri_override')
  jwksUriOverride!: string | null;

  @OptionalTextColumn('authorization_endpoint_override')
  authorizationEndpointOverride!: string | null;

  @OptionalTextColumn('token_endpoint_override')
  tokenEndpointOverride!: string | null;

  @OptionalTextColumn('userinfo_endpoint_override')
  userinfoEndpointOverride!: string | null;

  @Column({ type: 'jsonb', name: 'additional_parameters', nullable: true })
  additionalParameters!: unknown;

  @Column({ type: 'boolean', name: 'forward_login_hint', default: false })
  forwardLoginHint!: boolean;

  /** do_nothing | logout_browser_only | logout_all */
  @Column({ type: 'text', name: 'on_backchannel_logout', default: 'do_nothing' })
  onBackchannelLogout!: string;

  @Column({ type: 'integer', name: 'ui_order', default: 0 })
  uiOrder!: number;

  @Column({ type: 'boolean', name: 'registration_token_required', default: false })
  registrationTokenRequired!: boolean;
}
