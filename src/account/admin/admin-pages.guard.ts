import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import type { Request } from 'express';
import { Clock } from '../../core';
import { PasswordHasher } from '../../passwords/password-hasher';
import { UserSessionAuthenticationRepository } from '../../storage/browser-sessions/user-session-authentication.repository';
import { webContextOf } from '../../web-session';
import { ADMIN_PAGES_PATH, AdminPageRefused } from './admin-pages.errors';

/**
 * How recent the browser session's last authentication must be for the admin pages: older,
 * the admin is asked for their password again (`/login?reauth=1`), as for `max_age`.
 */
export const ADMIN_RECENT_AUTH_MS = 60 * 60 * 1000;

/**
 * Admits only signed-in users with `can_request_admin` who authenticated within
 * {@link ADMIN_RECENT_AUTH_MS} to the admin pages. Runs after `WebSessionGuard`, which reads
 * the session's user from the database on every request, so a demoted, locked or deactivated
 * admin is refused at their very next request. The recent-authentication rule applies only
 * while password login is enabled (nothing else can authenticate again yet).
 */
@Injectable()
export class AdminPagesGuard implements CanActivate {
  constructor(
    private readonly clock: Clock,
    private readonly authentications: UserSessionAuthenticationRepository,
    private readonly passwords: PasswordHasher,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const req = context.switchToHttp().getRequest<Request>();
    const web = webContextOf(req);
    const next = req.method === 'GET' ? req.originalUrl : ADMIN_PAGES_PATH;
    if (!web?.session) throw new AdminPageRefused('sign_in', next);
    if (!web.session.user.canRequestAdmin) throw new AdminPageRefused('forbidden', next);
    if (this.passwords.enabled) {
      const latest = await this.authentications.findLatestForSession(web.session.id);
      const age = latest ? this.clock.now().getTime() - latest.createdAt.getTime() : Infinity;
      if (age > ADMIN_RECENT_AUTH_MS) throw new AdminPageRefused('reauthenticate', next);
    }
    return true;
  }
}
