import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import type { Request } from 'express';
import { webContextOf } from '../../web-session';
import { ADMIN_PAGES_PATH, AdminPageRefused } from './admin-pages.errors';

/**
 * Admits only signed-in users with `can_request_admin` to the admin pages. Runs after
 * `WebSessionGuard`, which reads the session's user from the database on every request, so a
 * demoted, locked or deactivated admin is refused at their very next request.
 */
@Injectable()
export class AdminPagesGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    const req = context.switchToHttp().getRequest<Request>();
    const web = webContextOf(req);
    const next = req.method === 'GET' ? req.originalUrl : ADMIN_PAGES_PATH;
    if (!web?.user) throw new AdminPageRefused('sign_in', next);
    if (!web.user.canRequestAdmin) throw new AdminPageRefused('forbidden', next);
    return true;
  }
}
