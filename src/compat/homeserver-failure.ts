import { HomeserverError } from '../homeserver/homeserver-errors';
import { MatrixError } from './matrix-error';

/** How long a client is asked to wait when the homeserver is briefly unreachable. */
const RETRY_AFTER_MS = 5000;

/**
 * The Matrix answer when the homeserver could not be prepared for a new session (CONTRACTS
 * §3): nothing was stored, so the client may simply retry. A homeserver that is down or
 * overloaded is 503 with `retry_after_ms`; anything else needs an administrator (500).
 */
export function matrixErrorForHomeserverFailure(error: unknown): unknown {
  if (!(error instanceof HomeserverError)) return error;
  if (error.transient) {
    return new MatrixError(503, 'M_UNKNOWN', 'The homeserver is unavailable; try again shortly', {
      retry_after_ms: RETRY_AFTER_MS,
    });
  }
  return new MatrixError(500, 'M_UNKNOWN', 'The homeserver refused to set up the session');
}
