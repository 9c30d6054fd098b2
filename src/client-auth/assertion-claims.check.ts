import type { JWTPayload } from 'jose';
import { OAuthError } from '../core';

/** Bounds applied to JWT client assertions; see docs/client-authentication.md. */
export interface AssertionBounds {
  /** Allowed clock difference with the client, in seconds, for `exp`, `nbf` and `iat`. */
  clockSkewSeconds: number;
  /** The longest lifetime accepted: `exp` at most this far after `iat` and after now. */
  maxLifetimeSeconds: number;
  /** The longest `jti` accepted, in characters, to bound the replay store. */
  maxJtiLength: number;
}

export const DEFAULT_ASSERTION_BOUNDS: AssertionBounds = {
  clockSkewSeconds: 30,
  maxLifetimeSeconds: 300,
  maxJtiLength: 256,
};

export interface AssertionExpectations {
  clientId: string;
  /** Identifiers of this server that `aud` may contain: the issuer and the endpoint URL. */
  audiences: readonly string[];
  now: Date;
  bounds?: AssertionBounds;
}

/** The checked parts of an assertion needed for the replay store. */
export interface CheckedAssertion {
  jti: string;
  /** Until when the `jti` must be remembered: `exp` plus the clock skew. */
  rememberUntil: Date;
}

function refuse(description: string): never {
  // RFC 7521 §4.2.1: an invalid client assertion gives `invalid_client`.
  throw new OAuthError('invalid_client', `client assertion ${description}`);
}

function numericDate(payload: JWTPayload, claim: 'exp' | 'nbf' | 'iat'): number | undefined {
  const value = payload[claim];
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isFinite(value)) refuse(`has a malformed ${claim}`);
  return value;
}

/**
 * The claim checks of RFC 7523 §3 on a JWT client assertion (RFC 7521 §4.2, OIDC Core §9),
 * run after its signature was verified. Throws `invalid_client` naming the first failed check.
 */
export function checkAssertionClaims(
  payload: JWTPayload,
  expected: AssertionExpectations,
): CheckedAssertion {
  const bounds = expected.bounds ?? DEFAULT_ASSERTION_BOUNDS;
  const now = expected.now.getTime() / 1000;
  const skew = bounds.clockSkewSeconds;

  // RFC 7523 §3 item 1 and OIDC Core §9: `iss` is the client_id.
  if (payload.iss !== expected.clientId) refuse('iss must be the client_id');
  // RFC 7523 §3 item 2.B: for client authentication `sub` is the client_id.
  if (payload.sub !== expected.clientId) refuse('sub must be the client_id');

  // RFC 7523 §3 item 3: `aud` must identify this server (issuer or endpoint URL), compared as
  // simple strings (RFC 3986 §6.2.1).
  const aud = payload.aud;
  const audList = typeof aud === 'string' ? [aud] : Array.isArray(aud) ? aud : [];
  if (!audList.some((a) => typeof a === 'string' && expected.audiences.includes(a))) {
    refuse('aud must contain the issuer or the endpoint URL');
  }

  // RFC 7523 §3 item 4: `exp` is required; expired assertions are refused, allowing for skew.
  const exp = numericDate(payload, 'exp');
  if (exp === undefined) refuse('must contain exp');
  if (exp <= now - skew) refuse('has expired');
  // Our bound: a short lifetime keeps the replay window and the replay store small.
  if (exp > now + bounds.maxLifetimeSeconds + skew) refuse('expires too far in the future');

  // RFC 7523 §3 item 5: `nbf`, if present, must not be in the future (beyond the skew).
  const nbf = numericDate(payload, 'nbf');
  if (nbf !== undefined && nbf > now + skew) refuse('is not valid yet (nbf)');

  // RFC 7523 §3 item 6: `iat`, if present, must not be in the future; and our lifetime bound.
  const iat = numericDate(payload, 'iat');
  if (iat !== undefined) {
    if (iat > now + skew) refuse('was issued in the future (iat)');
    if (exp - iat > bounds.maxLifetimeSeconds) refuse('lifetime (exp - iat) is too long');
  }

  // RFC 7523 §3 item 7 and OIDC Core §9: `jti` is required so the assertion is used once.
  const jti = payload.jti;
  if (typeof jti !== 'string' || jti === '') refuse('must contain a jti');
  if (jti.length > bounds.maxJtiLength) refuse('jti is too long');

  return { jti, rememberUntil: new Date((exp + skew) * 1000) };
}
