import type { ClientMetadata } from './client-metadata';
import {
  effectiveAuthMethod,
  effectiveGrantTypes,
  effectiveIdTokenAlg,
  effectiveResponseTypes,
} from './effective-settings';
import type { RegistrationViolation } from './violation';

/**
 * Structural checks of the metadata on its own (MAS `ClientMetadata::validate`, RFC 7591 §2,
 * OIDC Registration §2). Each rule returns its violations; messages are MAS's.
 */
export type StructuralRule = (m: ClientMetadata) => RegistrationViolation[];

const usesAuthorizationEndpoint = (m: ClientMetadata) => {
  const grants = effectiveGrantTypes(m);
  return grants.includes('authorization_code') || grants.includes('implicit');
};

/** RFC 7591 §2: redirect URIs are needed by redirect-based grants. */
export const redirectUrisPresent: StructuralRule = (m) =>
  m.redirect_uris === undefined && usesAuthorizationEndpoint(m)
    ? [{ field: 'redirect_uris', msg: 'redirect URIs are missing' }]
    : [];

/** RFC 6749 §3.1.2: the redirection endpoint URI MUST NOT include a fragment component. */
export const redirectUrisWithoutFragment: StructuralRule = (m) =>
  (m.redirect_uris ?? [])
    .filter((uri) => uri.includes('#'))
    .map((uri) => ({ field: 'redirect_uris', msg: `redirect URI with fragment: ${uri}` }));

/**
 * RFC 7591 §2.1: response types must fit the grant types (`code` needs `authorization_code`,
 * `token`/`id_token` need `implicit`, or both for hybrid types).
 */
export const responseTypesFitGrantTypes: StructuralRule = (m) => {
  const grants = effectiveGrantTypes(m);
  const implicit = grants.includes('implicit');
  const code = grants.includes('authorization_code');
  return effectiveResponseTypes(m)
    .filter((rt) => {
      const parts = rt.split(' ');
      const hasCode = parts.includes('code');
      const hasIdToken = parts.includes('id_token');
      const hasToken = parts.includes('token');
      const ok =
        (hasCode && code && implicit) ||
        (!hasCode && implicit) ||
        (code && !hasIdToken && !hasToken) ||
        (!hasCode && !hasIdToken && !hasToken);
      return !ok;
    })
    .map((rt) => ({
      field: 'response_types',
      msg: `'${rt}' response type not compatible with grant types`,
    }));
};

/** RFC 7591 §2: `jwks_uri` and `jwks` MUST NOT both be present. */
export const jwksExclusive: StructuralRule = (m) =>
  m.jwks_uri !== undefined && m.jwks !== undefined
    ? [{ field: 'jwks', msg: 'jwks_uri and jwks are mutually exclusive' }]
    : [];

/** OIDC Registration §2: `sector_identifier_uri` and `initiate_login_uri` MUST use https. */
export const httpsOnlyUris: StructuralRule = (m) =>
  (['sector_identifier_uri', 'initiate_login_uri'] as const)
    .filter((field) => m[field] !== undefined && !m[field].startsWith('https:'))
    .map((field) => ({
      field,
      msg: `${field}'s URL doesn't use a https scheme: ${m[field]}`,
    }));

/** RFC 7523 §2.2 / OIDC Core §9: `private_key_jwt` needs the client's public keys. */
export const privateKeyJwtHasKeys: StructuralRule = (m) =>
  effectiveAuthMethod(m) === 'private_key_jwt' && m.jwks === undefined && m.jwks_uri === undefined
    ? [{ field: 'jwks', msg: 'missing JWK Set for token auth method' }]
    : [];

/** OIDC Registration §2: `none` is never a token endpoint signing alg; JWT methods need one. */
export const tokenEndpointSigningAlg: StructuralRule = (m) => {
  const field = 'token_endpoint_auth_signing_alg';
  if (m.token_endpoint_auth_signing_alg === 'none') {
    return [{ field, msg: 'none signing alg unauthorized for token_endpoint' }];
  }
  const method = effectiveAuthMethod(m);
  const jwt = method === 'private_key_jwt' || method === 'client_secret_jwt';
  return m.token_endpoint_auth_signing_alg === undefined && jwt
    ? [{ field, msg: 'token_endpoint missing auth signing algorithm' }]
    : [];
};

/** OIDC Registration §2: unsigned ID tokens are refused when the front channel returns one. */
export const idTokenSigned: StructuralRule = (m) =>
  effectiveIdTokenAlg(m) === 'none' &&
  effectiveResponseTypes(m).some((rt) => rt.split(' ').includes('id_token'))
    ? [{ field: 'id_token_signed_response_alg', msg: 'ID Token signing alg is none' }]
    : [];

/** OIDC Registration §2: an `*_enc` value requires the matching `*_alg`. */
export const encryptionHasAlg: StructuralRule = (m) => {
  const pairs = [
    ['id_token', m.id_token_encrypted_response_enc, m.id_token_encrypted_response_alg],
    ['userinfo', m.userinfo_encrypted_response_enc, m.userinfo_encrypted_response_alg],
    ['request_object', m.request_object_encryption_enc, m.request_object_encryption_alg],
    [
      'introspection',
      m.introspection_encrypted_response_enc,
      m.introspection_encrypted_response_alg,
    ],
  ] as const;
  return pairs
    .filter(([, enc, alg]) => enc !== undefined && alg === undefined)
    .map(([name]) => ({
      field: `${name}_encryption`,
      msg: `${name} missing encryption alg value`,
    }));
};

export const STRUCTURAL_RULES: readonly StructuralRule[] = [
  redirectUrisPresent,
  redirectUrisWithoutFragment,
  responseTypesFitGrantTypes,
  jwksExclusive,
  httpsOnlyUris,
  privateKeyJwtHasKeys,
  tokenEndpointSigningAlg,
  idTokenSigned,
  encryptionHasAlg,
];

/** Every structural violation, in MAS's order. */
export function structuralViolations(m: ClientMetadata): RegistrationViolation[] {
  return STRUCTURAL_RULES.flatMap((rule) => rule(m));
}
