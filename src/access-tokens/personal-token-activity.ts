import type { PersonalAccessTokenWithContext } from '../storage/personal/personal-access-token.repository';
import { type InactiveReason, isExpired, userInactiveReason } from './token-activity';

/**
 * Judges a stored personal access token at `now`, as MAS introspection does: the token neither
 * revoked nor expired, its session not revoked, the actor user neither locked nor deactivated,
 * and an owner user (when a user owns the session) neither locked nor deactivated. A session
 * owned by a client is valid while the client exists. Null when active.
 *
 * MAS's admin API accepts a *locked* actor (`is_valid_actor`), but its introspection does not
 * (`is_valid`): a homeserver must not let a locked account act, so neither do we.
 */
export function personalInactiveReason(
  found: PersonalAccessTokenWithContext,
  now: Date,
): InactiveReason | null {
  const { token, session, actor, ownerUser, ownerClient } = found;
  if (token.revokedAt !== null) return 'revoked';
  if (isExpired(token.expiresAt, now)) return 'expired';
  if (session.revokedAt !== null) return 'session_finished';
  const actorReason = userInactiveReason(actor);
  if (actorReason !== null) return actorReason;
  if (session.ownerUserId !== null) {
    if (ownerUser === null) return 'owner_missing';
    const ownerReason = userInactiveReason(ownerUser);
    if (ownerReason === 'user_locked') return 'owner_locked';
    if (ownerReason === 'user_deactivated') return 'owner_deactivated';
  } else if (ownerClient === null) {
    return 'owner_missing';
  }
  return null;
}
