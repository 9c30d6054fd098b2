import type { UserRegistrationTokenEntity } from '../../storage/users/user-registration-token.entity';
import { isRegistrationTokenValid } from '../../users/registration-tokens.service';
import { BOOL, DATE_TIME, nullable, object, STRING } from '../common/api-docs';
import { ADMIN_API_BASE, isoOrNull, type ResourceKind } from '../common/envelope';

/** MAS spells this kind with an underscore (admin/model.rs); kept for compatibility. */
export const REGISTRATION_TOKEN_KIND: ResourceKind = {
  type: 'user-registration_token',
  path: `${ADMIN_API_BASE}/user-registration-tokens`,
};

/** MAS admin/model.rs `UserRegistrationToken`; `token` is decrypted from the stored copy. */
export function registrationTokenAttributes(
  t: UserRegistrationTokenEntity,
  clear: string,
  now: Date,
) {
  return {
    token: clear,
    valid: isRegistrationTokenValid(t, now),
    usage_limit: t.usageLimit,
    times_used: t.timesUsed,
    created_at: t.createdAt.toISOString(),
    last_used_at: isoOrNull(t.lastUsedAt),
    expires_at: isoOrNull(t.expiresAt),
    revoked_at: isoOrNull(t.revokedAt),
  };
}

const UINT: { type: 'integer'; minimum: number } = { type: 'integer', minimum: 0 };

export const REGISTRATION_TOKEN_SCHEMA = object({
  token: STRING,
  valid: BOOL,
  usage_limit: nullable(UINT),
  times_used: UINT,
  created_at: DATE_TIME,
  last_used_at: nullable(DATE_TIME),
  expires_at: nullable(DATE_TIME),
  revoked_at: nullable(DATE_TIME),
});
