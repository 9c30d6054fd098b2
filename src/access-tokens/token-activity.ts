import type { UserEntity } from '../storage/users/user.entity';

/**
 * Why a stored token may not be used (RFC 7662 §2.2 "active"; MAS introspection answers
 * `active: false` for each).
 */
export type InactiveReason =
  | 'revoked'
  | 'expired'
  | 'consumed'
  | 'session_finished'
  | 'user_missing'
  | 'user_locked'
  | 'user_deactivated'
  | 'owner_missing'
  | 'owner_locked'
  | 'owner_deactivated';

/** Whether `expiresAt` (null: never) is reached at `now`; a token is expired at its instant. */
export function isExpired(expiresAt: Date | null, now: Date): boolean {
  return expiresAt !== null && expiresAt.getTime() <= now.getTime();
}

/** A user acting through a session must be neither locked nor deactivated (MAS `is_valid`). */
export function userInactiveReason(
  user: Pick<UserEntity, 'lockedAt' | 'deactivatedAt'>,
): 'user_locked' | 'user_deactivated' | null {
  if (user.lockedAt !== null) return 'user_locked';
  if (user.deactivatedAt !== null) return 'user_deactivated';
  return null;
}
