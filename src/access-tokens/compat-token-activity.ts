import type { CompatAccessTokenWithContext } from '../storage/compat/compat-access-token.repository';
import type { CompatRefreshTokenWithContext } from '../storage/compat/compat-refresh-token.repository';
import { type InactiveReason, isExpired, userInactiveReason } from './token-activity';

/**
 * Judges a stored compat access token at `now` (MAS introspection): not past `expires_at`
 * (compat tokens without a refresh token never expire), its session not finished, its user
 * neither locked nor deactivated. Null when active.
 */
export function compatAccessInactiveReason(
  found: CompatAccessTokenWithContext,
  now: Date,
): InactiveReason | null {
  if (isExpired(found.token.expiresAt, now)) return 'expired';
  if (found.session.finishedAt !== null) return 'session_finished';
  return userInactiveReason(found.user);
}

/**
 * Judges a stored compat refresh token (MAS introspection): not consumed, its session not
 * finished, its user neither locked nor deactivated. Null when active.
 */
export function compatRefreshInactiveReason(
  found: CompatRefreshTokenWithContext,
): InactiveReason | null {
  if (found.token.consumedAt !== null) return 'consumed';
  if (found.session.finishedAt !== null) return 'session_finished';
  return userInactiveReason(found.user);
}
