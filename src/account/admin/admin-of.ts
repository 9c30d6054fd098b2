import type { UserView } from '../../users/user-view';
import type { WebContext } from '../../web-session';
import { ADMIN_PAGES_PATH, AdminPageRefused } from './admin-pages.errors';

/**
 * The signed-in admin of an admin page request. `AdminPagesGuard` already refused everyone
 * else; this repeats the check so a handler can never act for a non-admin.
 */
export function adminOf(web: WebContext): UserView {
  const user = web.user;
  if (!user) throw new AdminPageRefused('sign_in', ADMIN_PAGES_PATH);
  if (!user.canRequestAdmin) throw new AdminPageRefused('forbidden', ADMIN_PAGES_PATH);
  return user;
}
