import { DomainError } from './domain-error';

/**
 * Error codes of RFC 6749 §4.1.2.1 / §5.2, RFC 7591 §3.2.2, RFC 7009 §2.2.1, RFC 8628 §3.5
 * and OIDC Core §3.1.2.6 that services may raise.
 */
export type OAuthErrorCode =
  | 'invalid_request'
  | 'invalid_client'
  | 'invalid_grant'
  | 'unauthorized_client'
  | 'unsupported_grant_type'
  | 'unsupported_response_type'
  | 'unsupported_token_type'
  | 'invalid_scope'
  | 'access_denied'
  | 'server_error'
  | 'temporarily_unavailable'
  | 'invalid_redirect_uri'
  | 'invalid_client_metadata'
  | 'invalid_token'
  | 'insufficient_scope'
  | 'login_required'
  | 'consent_required'
  | 'interaction_required'
  | 'request_not_supported'
  | 'request_uri_not_supported'
  | 'registration_not_supported'
  | 'authorization_pending'
  | 'slow_down'
  | 'expired_token';

/**
 * A protocol error with its OAuth `error` code and a human `error_description`. `status`
 * overrides the HTTP status the code usually gets, where one endpoint's spec differs (RFC 8628
 * §3.5: a token-endpoint `access_denied` is 400, not 403).
 */
export class OAuthError extends DomainError {
  constructor(
    readonly code: OAuthErrorCode,
    description: string,
    readonly status?: number,
  ) {
    super(description);
  }

  get description(): string {
    return this.message;
  }
}

/**
 * A protected resource was called without any access token. RFC 6750 §3.1: the 401 challenge
 * then carries no error code (`WWW-Authenticate: Bearer`); the JSON body says `invalid_token`.
 */
export class MissingBearerToken extends OAuthError {
  constructor() {
    super('invalid_token', 'no access token was presented');
  }
}

/**
 * A caller authenticated with `Authorization: Bearer <secret>` and the secret is wrong
 * (introspection by the homeserver). RFC 6749 §5.2: failed client authentication is
 * `invalid_client` with a 401 whose challenge names the scheme the caller used, here `Bearer`.
 */
export class InvalidBearerSecret extends OAuthError {
  constructor(description: string) {
    super('invalid_client', description);
  }
}

/**
 * `temporarily_unavailable` (RFC 6749 §4.1.2.1), answered 503 with a `Retry-After` hint
 * (RFC 9110 §10.2.3) of how many seconds to wait before retrying.
 */
export class TemporarilyUnavailable extends OAuthError {
  constructor(
    description: string,
    readonly retryAfterSeconds: number,
  ) {
    super('temporarily_unavailable', description);
  }
}
