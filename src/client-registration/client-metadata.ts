import { CLIENT_AUTH_METHODS, type ClientAuthMethod } from '../config';
/**
 * Client metadata as registered (RFC 7591 §2, OIDC Dynamic Client Registration 1.0 §2),
 * after parsing and canonicalisation: URIs are WHATWG-serialised, list fields sorted, localized
 * variants (`client_name#fr`, RFC 7591 §2.2) sorted by language tag. Absent fields stay absent;
 * the RFC 7591 §2 defaults are applied by {@link effectiveClientSettings}, not here, so that the
 * policy sees exactly what the client sent (as MAS does).
 */
export interface ClientMetadata {
  redirect_uris?: string[];
  response_types?: string[];
  grant_types?: string[];
  application_type?: ApplicationType;
  contacts?: string[];
  client_name?: Localized<string>;
  logo_uri?: Localized<string>;
  client_uri?: Localized<string>;
  policy_uri?: Localized<string>;
  tos_uri?: Localized<string>;
  jwks_uri?: string;
  jwks?: JsonWebKeySet;
  software_id?: string;
  software_version?: string;
  sector_identifier_uri?: string;
  subject_type?: string;
  token_endpoint_auth_method?: TokenEndpointAuthMethod;
  token_endpoint_auth_signing_alg?: string;
  id_token_signed_response_alg?: string;
  id_token_encrypted_response_alg?: string;
  id_token_encrypted_response_enc?: string;
  userinfo_signed_response_alg?: string;
  userinfo_encrypted_response_alg?: string;
  userinfo_encrypted_response_enc?: string;
  request_object_signing_alg?: string;
  request_object_encryption_alg?: string;
  request_object_encryption_enc?: string;
  introspection_signed_response_alg?: string;
  introspection_encrypted_response_alg?: string;
  introspection_encrypted_response_enc?: string;
  default_max_age?: number;
  require_auth_time?: boolean;
  default_acr_values?: string[];
  initiate_login_uri?: string;
  request_uris?: string[];
  require_signed_request_object?: boolean;
  require_pushed_authorization_requests?: boolean;
  post_logout_redirect_uris?: string[];
}

/** A human-readable field with its per-language variants (RFC 7591 §2.2). */
export interface Localized<T> {
  value: T;
  /** `[language tag, value]` pairs, sorted by tag. */
  variants: [string, T][];
}

/** A JWK Set (RFC 7517 §5) holding public keys only. */
export interface JsonWebKeySet {
  keys: Record<string, unknown>[];
}

export const APPLICATION_TYPES = ['web', 'native'] as const;
export type ApplicationType = (typeof APPLICATION_TYPES)[number];

/**
 * RFC 7591 §2 `token_endpoint_auth_method` values this server can authenticate: the same set
 * as `clients[].client_auth_method` of the configuration.
 */
export const TOKEN_ENDPOINT_AUTH_METHODS = CLIENT_AUTH_METHODS;
export type TokenEndpointAuthMethod = ClientAuthMethod;

/** Methods for which the server issues a `client_secret` (RFC 7591 §3.2.1). */
export const SECRET_AUTH_METHODS: readonly TokenEndpointAuthMethod[] = [
  'client_secret_basic',
  'client_secret_post',
  'client_secret_jwt',
];

export const DEVICE_CODE_GRANT = 'urn:ietf:params:oauth:grant-type:device_code';

/** Grant types that can be stored (`oauth2_clients.grant_type_*`); others are accepted and dropped. */
export const STORED_GRANT_TYPES = [
  'authorization_code',
  'refresh_token',
  'client_credentials',
  DEVICE_CODE_GRANT,
] as const;
export type StoredGrantType = (typeof STORED_GRANT_TYPES)[number];

/** JWS algorithms (RFC 7518 §3.1, RFC 8037 §3.1, RFC 8812 §3.2). */
export const JWS_ALGORITHMS = [
  'HS256',
  'HS384',
  'HS512',
  'RS256',
  'RS384',
  'RS512',
  'ES256',
  'ES384',
  'ES512',
  'PS256',
  'PS384',
  'PS512',
  'EdDSA',
  'ES256K',
  'none',
] as const;

/** Response type components (RFC 6749 §3.1.1, OAuth 2.0 Multiple Response Types §3–5). */
export const RESPONSE_TYPE_PARTS = ['code', 'id_token', 'token', 'none'] as const;

/** Fields that may carry `#lang` variants (RFC 7591 §2.2). */
export const LOCALIZABLE_FIELDS = [
  'client_name',
  'logo_uri',
  'client_uri',
  'policy_uri',
  'tos_uri',
] as const;
export type LocalizableField = (typeof LOCALIZABLE_FIELDS)[number];
