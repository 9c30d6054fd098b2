import type { AccessTokenWithContext } from '../storage/oauth2/oauth2-access-token.repository';
import { type InactiveReason, isExpired, userInactiveReason } from './token-activity';

export type { InactiveReason } from './token-activity';

/**
 * Judges a stored token at `now` (RFC 7662 §2.2 "active"): not revoked, not past `expires_at`,
 * its session not finished, and the session's user, if it has one, neither locked nor
 * deactivated. Null when the token is active.
 */
export function inactiveReason(found: AccessTokenWithContext, now: Date): InactiveReason | null {
  const { token, session, user } = found;
  if (token.revokedAt !== null) return 'revoked';
  if (isExpired(token.expiresAt, now)) return 'expired';
  if (session.finishedAt !== null) return 'session_finished';
  if (session.userId !== null) {
    if (user === null) return 'user_missing';
    return userInactiveReason(user);
  }
  return null;
}
