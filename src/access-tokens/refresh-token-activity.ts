import type { RefreshTokenWithContext } from '../storage/oauth2/oauth2-refresh-token.repository';
import { type InactiveReason, userInactiveReason } from './token-activity';

/**
 * Judges a stored OAuth 2.0 refresh token (MAS introspection): valid only while neither
 * revoked nor consumed by rotation, its session not finished, and the session's user, if it
 * has one, neither locked nor deactivated. Refresh tokens never expire. Null when active.
 */
export function refreshInactiveReason(found: RefreshTokenWithContext): InactiveReason | null {
  const { token, session, user } = found;
  if (token.revokedAt !== null) return 'revoked';
  if (token.consumedAt !== null) return 'consumed';
  if (session.finishedAt !== null) return 'session_finished';
  if (session.userId !== null) {
    if (user === null) return 'user_missing';
    return userInactiveReason(user);
  }
  return null;
}
