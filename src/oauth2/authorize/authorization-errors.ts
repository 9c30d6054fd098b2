import { DomainError, type OAuthErrorCode } from '../../core';
import type { ResponseTarget } from './authorization-response';

/**
 * Why an authorization request cannot be answered by redirecting to the client: its
 * `client_id` or `redirect_uri` cannot be trusted, so the person sees a page instead
 * (RFC 6749 §4.1.2.1, RFC 9700 §4.11: never redirect to an unverified URI).
 */
export type UnsafeRequestReason =
  | 'missing_client_id'
  | 'unknown_client'
  | 'missing_redirect_uri'
  | 'invalid_redirect_uri'
  | 'repeated_parameter';

export class UnsafeAuthorizationRequest extends DomainError {
  readonly code = 'unsafe_authorization_request';

  constructor(readonly reason: UnsafeRequestReason) {
    super(`authorization request refused: ${reason}`);
  }
}

/**
 * An error sent back to the client's verified redirect URI (RFC 6749 §4.1.2.1, OIDC Core
 * §3.1.2.6), with the request's `state` and the issuer (RFC 9207).
 */
export class AuthorizationRedirectError extends DomainError {
  readonly code = 'authorization_redirect_error';

  constructor(
    readonly error: OAuthErrorCode,
    readonly description: string,
    readonly target: ResponseTarget,
  ) {
    super(description);
  }
}

/** A sign-in request that was already answered, withdrawn or left too long (consent pages). */
export class StaleAuthorizationRequest extends DomainError {
  readonly code = 'stale_authorization_request';

  constructor(readonly reason: 'not_found' | 'completed' | 'expired') {
    super(`the authorization request is ${reason}`);
  }
}
