import { OAuthError, TemporarilyUnavailable } from '../../core';
import type { HomeserverError } from '../../homeserver/homeserver-errors';

/** Seconds a client is asked to wait before retrying an exchange the homeserver held up. */
export const HOMESERVER_RETRY_AFTER_SECONDS = 5;

/**
 * The token endpoint's answer when the homeserver could not be prepared for a new token. The
 * grant is left unredeemed either way, so the client may retry with the same code or device
 * code while it is valid.
 *
 * RFC 6749 §5.2 defines no token-endpoint code for a server-side failure; MAS answers 500
 * `server_error`. A homeserver that is down, timing out or answering 5xx/429 is transient, so
 * mas-ts answers 503 `temporarily_unavailable` (the RFC 6749 §4.1.2.1 code for exactly this)
 * with `Retry-After`: every OAuth client library treats a non-2xx JSON `error` body as a
 * failure, and 503 is the status HTTP clients and proxies know as "try again later". Any other
 * failure (refused shared secret, localpart refused, unexpected answers) needs an
 * administrator, so it is 500 `server_error` as in MAS.
 */
export function tokenErrorForHomeserverFailure(error: HomeserverError): OAuthError {
  if (error.transient) {
    return new TemporarilyUnavailable(
      'the homeserver is unavailable; retry the request shortly',
      HOMESERVER_RETRY_AFTER_SECONDS,
    );
  }
  return new OAuthError('server_error', 'the homeserver refused to set up the session');
}
