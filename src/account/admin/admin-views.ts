import type { UserView } from '../../users/user-view';

/** An instant as the admin pages show it: `2026-01-31 14:05 UTC` (null stays null). */
export function shownInstant(at: Date | null): string | null {
  if (at === null) return null;
  return `${at.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/** One state word for a user: deactivated wins over locked (MAS admin `status`). */
export function userStatus(user: {
  lockedAt: Date | null;
  deactivatedAt: Date | null;
}): 'active' | 'locked' | 'deactivated' {
  if (user.deactivatedAt !== null) return 'deactivated';
  if (user.lockedAt !== null) return 'locked';
  return 'active';
}

/** A user row of the search results and the head of the user page. */
export function userRow(user: UserView, homeserver: string) {
  return {
    id: user.id,
    username: user.username,
    mxid: `@${user.username}:${homeserver}`,
    status: userStatus(user),
    admin: user.canRequestAdmin,
    created_at: shownInstant(user.createdAt),
    locked_at: shownInstant(user.lockedAt),
    deactivated_at: shownInstant(user.deactivatedAt),
  };
}

/** The path of a user's admin page. */
export function userPagePath(userId: string): string {
  return `/account/admin/users/${userId}`;
}
