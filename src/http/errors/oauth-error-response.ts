import type { Response } from 'express';
import {
  InvalidBearerSecret,
  MissingBearerToken,
  type OAuthError,
  type OAuthErrorCode,
  TemporarilyUnavailable,
} from '../../core';

/** HTTP status for an OAuth error answered as JSON (RFC 6749 §5.2, RFC 6750 §3.1, RFC 7591 §3.2.2). */
export function oauthErrorStatus(code: OAuthErrorCode): number {
  switch (code) {
    case 'invalid_client':
    case 'invalid_token':
      return 401;
    case 'insufficient_scope':
    case 'access_denied':
      return 403;
    case 'server_error':
      return 500;
    case 'temporarily_unavailable':
      return 503;
    default:
      return 400;
  }
}

/**
 * Writes an OAuth error as JSON with `Cache-Control: no-store`. `invalid_client` carries a
 * `WWW-Authenticate` challenge in the scheme the caller tried (RFC 6749 §5.2: Basic, or Bearer
 * for a wrong shared secret); `invalid_token` a Bearer one (RFC 6750 §3), without an error code
 * when no token was presented at all (RFC 6750 §3.1);
 * `TemporarilyUnavailable` a `Retry-After` (RFC 9110 §10.2.3).
 */
export function sendOAuthError(res: Response, error: OAuthError): void {
  const status = error.status ?? oauthErrorStatus(error.code);
  if (error.code === 'invalid_client') {
    const scheme = error instanceof InvalidBearerSecret ? 'Bearer' : 'Basic';
    res.setHeader('WWW-Authenticate', `${scheme} realm="mas-ts"`);
  }
  if (error instanceof MissingBearerToken) {
    res.setHeader('WWW-Authenticate', 'Bearer');
  } else if (error.code === 'invalid_token' || error.code === 'insufficient_scope') {
    res.setHeader('WWW-Authenticate', `Bearer error="${error.code}"`);
  }
  if (error instanceof TemporarilyUnavailable) {
    res.setHeader('Retry-After', String(error.retryAfterSeconds));
  }
  res.setHeader('Cache-Control', 'no-store');
  res.status(status).json({ error: error.code, error_description: error.description });
}
