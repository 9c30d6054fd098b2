import type { AccessTokenWithContext } from '../storage/oauth2/oauth2-access-token.repository';

/** Why a stored access token may not be used (MAS introspection answers `active: false`). */
export type InactiveReason =
  'revoked' | 'expired' | 'session_finished' | 'user_missing' | 'user_locked' | 'user_deactivated';

/**
 * Judges a stored token at `now` (RFC 7662 §2.2 "active"): not revoked, not past `expires_at`,
 * its session not finished, and the session's user, if it has one, neither locked nor
 * deactivated. Null when the token is active.
 */
export function inactiveReason(found: AccessTokenWithContext, now: Date): InactiveReason | null {
  const { token, session, user } = found;
  if (token.revokedAt !== null) return 'revoked';
  if (token.expiresAt !== null && token.expiresAt.getTime() <= now.getTime()) return 'expired';
  if (session.finishedAt !== null) return 'session_finished';
  if (session.userId !== null) {
    if (user === null) return 'user_missing';
    if (user.lockedAt !== null) return 'user_locked';
    if (user.deactivatedAt !== null) return 'user_deactivated';
  }
  return null;
}
