import { CLIENT_AUTH_METHODS, type ClientAuthMethod } from '../config';

/**
 * Token endpoint client authentication methods (RFC 6749 §2.3.1, RFC 7591 §2, OIDC Core §9),
 * as stored in `oauth2_clients.token_endpoint_auth_method`: the same set as `clients[]` of
 * the configuration.
 */
export { CLIENT_AUTH_METHODS, type ClientAuthMethod };

const METHODS: ReadonlySet<string> = new Set<string>(CLIENT_AUTH_METHODS);

/** Whether `value` names one of the methods we support. */
export function isClientAuthMethod(value: unknown): value is ClientAuthMethod {
  return typeof value === 'string' && METHODS.has(value);
}

/** RFC 7523 §2.2: the only `client_assertion_type` we accept. */
export const JWT_BEARER_ASSERTION_TYPE = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';

/** JWS algorithms (RFC 7518 §3.2) accepted for `client_secret_jwt`: HMAC with the secret. */
export const HMAC_ALGORITHMS: readonly string[] = ['HS256', 'HS384', 'HS512'];

/**
 * JWS algorithms (RFC 7518 §3.3–3.5, RFC 8037) accepted for `private_key_jwt`. Never `none`
 * and never HMAC, so a public key can never be used as an HMAC secret.
 */
export const ASYMMETRIC_ALGORITHMS: readonly string[] = [
  'RS256',
  'RS384',
  'RS512',
  'PS256',
  'PS384',
  'PS512',
  'ES256',
  'ES384',
  'ES512',
  'EdDSA',
  'Ed25519',
];
