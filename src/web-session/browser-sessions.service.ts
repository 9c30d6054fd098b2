import { Injectable } from '@nestjs/common';
import { Clock, Rng } from '../core';
import { UserSessionAuthenticationRepository } from '../storage/browser-sessions/user-session-authentication.repository';
import { UserSessionRepository } from '../storage/browser-sessions/user-session.repository';
import { UserAccounts, type UserView } from '../users/user-accounts.service';
import { rotateCsrf } from './csrf';
import type { BrowserSession, WebContext } from './web-context';

/** True when the account may hold a browser session (MAS `User::is_valid`). */
function isUsable(user: UserView): boolean {
  return user.lockedAt === null && user.deactivatedAt === null;
}

/** Browser sessions (`user_sessions`): resolving the cookie's session, signing in and out. */
@Injectable()
export class BrowserSessions {
  constructor(
    private readonly sessions: UserSessionRepository,
    private readonly authentications: UserSessionAuthenticationRepository,
    private readonly users: UserAccounts,
    private readonly clock: Clock,
    private readonly rng: Rng,
  ) {}

  /**
   * The session named by a cookie, or null when the row is unknown or finished, or its user is
   * gone, locked or deactivated.
   */
  async resolve(sessionId: string | null): Promise<BrowserSession | null> {
    if (sessionId === null) return null;
    const row = await this.sessions.findActiveById(sessionId);
    if (!row) return null;
    const user = await this.users.findById(row.userId);
    if (!user || !isUsable(user)) return null;
    return { id: row.id, user, createdAt: row.createdAt };
  }

  /**
   * Starts a new browser session for `user` after a password login: a `user_sessions` row with
   * the browser's user agent and address, and a `user_session_authentications` row for the
   * password. The cookie gets the new session id and a fresh CSRF token (no fixation of either).
   */
  async startWithPassword(web: WebContext, user: UserView, passwordId: string): Promise<void> {
    const now = this.clock.now();
    const row = await this.sessions.add({
      id: this.rng.ulid(),
      userId: user.id,
      createdAt: now,
      userAgent: web.userAgent,
      ip: web.ip,
    });
    await this.authentications.addPassword({
      id: this.rng.ulid(),
      userSessionId: row.id,
      userPasswordId: passwordId,
      createdAt: now,
    });
    web.signIn({ id: row.id, user, createdAt: row.createdAt }, rotateCsrf(now, this.rng));
  }

  /** Finishes the current session (if any) and forgets it in the cookie (MAS views/logout.rs). */
  async end(web: WebContext): Promise<void> {
    if (web.session) await this.sessions.finish(web.session.id, this.clock.now());
    web.signOut();
  }
}
