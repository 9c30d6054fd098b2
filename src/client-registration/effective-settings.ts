import {
  DEVICE_CODE_GRANT,
  SECRET_AUTH_METHODS,
  type ApplicationType,
  type ClientMetadata,
  type TokenEndpointAuthMethod,
} from './client-metadata';

/** RFC 7591 §2: `grant_types` defaults to `authorization_code`. */
export function effectiveGrantTypes(m: ClientMetadata): string[] {
  return m.grant_types ?? ['authorization_code'];
}

/**
 * RFC 7591 §2: `response_types` defaults to `code`, but only for clients that use the
 * authorization endpoint at all (MAS `ClientMetadata::validate`).
 */
export function effectiveResponseTypes(m: ClientMetadata): string[] {
  if (m.response_types) return m.response_types;
  const grants = effectiveGrantTypes(m);
  return grants.includes('authorization_code') || grants.includes('implicit') ? ['code'] : [];
}

/** OIDC Registration §2: `application_type` defaults to `web`. */
export function effectiveApplicationType(m: ClientMetadata): ApplicationType {
  return m.application_type ?? 'web';
}

/** RFC 7591 §2: `token_endpoint_auth_method` defaults to `client_secret_basic`. */
export function effectiveAuthMethod(m: ClientMetadata): TokenEndpointAuthMethod {
  return m.token_endpoint_auth_method ?? 'client_secret_basic';
}

/** OIDC Registration §2: `id_token_signed_response_alg` defaults to RS256. */
export function effectiveIdTokenAlg(m: ClientMetadata): string {
  return m.id_token_signed_response_alg ?? 'RS256';
}

/** RFC 7591 §3.2.1: a secret is issued to clients that authenticate with one. */
export function issuesClientSecret(m: ClientMetadata): boolean {
  return SECRET_AUTH_METHODS.includes(effectiveAuthMethod(m));
}

/** MAS drops the device-code grant from registrations when `oauth.device_code_grant_enabled` is off. */
export function withoutDeviceCodeGrant(m: ClientMetadata): ClientMetadata {
  if (!m.grant_types?.includes(DEVICE_CODE_GRANT)) return m;
  return { ...m, grant_types: m.grant_types.filter((g) => g !== DEVICE_CODE_GRANT) };
}
