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
   * Signs `user` in after a correct password. When this browser's session already belongs to
   * `user`, the password is recorded as a new authentication of that session (re-authentication
   * for `prompt=login` and `max_age`, OIDC Core §3.1.2.1). Otherwise any other session of this
   * browser is finished and a new one starts: a `user_sessions` row with the browser's user
   * agent and address, and a `user_session_authentications` row for the password. Either way
   * the cookie gets a fresh CSRF token (no fixation of a token seen before the login).
   */
  async signInWithPassword(web: WebContext, user: UserView, passwordId: string): Promise<void> {
    const now = this.clock.now();
    const current = web.session;
    if (current && current.user.id === user.id) {
      await this.authentications.addPassword({
        id: this.rng.ulid(),
        userSessionId: current.id,
        userPasswordId: passwordId,
        createdAt: now,
      });
      web.signIn({ ...current, user }, rotateCsrf(now, this.rng));
      return;
    }
    if (current) await this.sessions.finish(current.id, now);
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
