import type { UserEntity } from '../../storage/users/user.entity';
import { BOOL, DATE_TIME, nullable, object, STRING } from '../common/api-docs';
import { ADMIN_API_BASE, isoOrNull, type ResourceKind } from '../common/envelope';

export const USER_KIND: ResourceKind = { type: 'user', path: `${ADMIN_API_BASE}/users` };

/** MAS admin/model.rs `User`. */
export function userAttributes(u: UserEntity) {
  return {
    username: u.username,
    created_at: u.createdAt.toISOString(),
    locked_at: isoOrNull(u.lockedAt),
    deactivated_at: isoOrNull(u.deactivatedAt),
    admin: u.canRequestAdmin,
    legacy_guest: u.isGuest,
  };
}

export const userView = (u: UserEntity) => ({ id: u.id, attributes: userAttributes(u) });

export const USER_SCHEMA = object({
  username: STRING,
  created_at: DATE_TIME,
  locked_at: nullable(DATE_TIME),
  deactivated_at: nullable(DATE_TIME),
  admin: BOOL,
  legacy_guest: BOOL,
});
