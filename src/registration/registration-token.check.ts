import type { UserRegistrationTokenEntity } from '../storage/users/user-registration-token.entity';

/** Whether a registration token may be used now, or why not. */
export type RegistrationTokenState = 'valid' | 'revoked' | 'expired' | 'used_up';

/**
 * MAS `UserRegistrationToken::is_valid` (data-model/src/user_registration_token.rs): not
 * revoked, not past `expires_at`, and used fewer times than `usage_limit` (null: unlimited).
 */
export function registrationTokenState(
  token: Pick<UserRegistrationTokenEntity, 'revokedAt' | 'expiresAt' | 'usageLimit' | 'timesUsed'>,
  now: Date,
): RegistrationTokenState {
  if (token.revokedAt !== null) return 'revoked';
  if (token.expiresAt !== null && token.expiresAt.getTime() <= now.getTime()) return 'expired';
  if (token.usageLimit !== null && token.timesUsed >= token.usageLimit) return 'used_up';
  return 'valid';
}
