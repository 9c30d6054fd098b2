import type { UserView } from '../users/user-accounts.service';
import type { CsrfState } from './csrf';
import type { SessionCookieState } from './session-cookie';

/** The signed-in browser session: an unfinished `user_sessions` row of a usable account. */
export interface BrowserSession {
  id: string;
  user: UserView;
  createdAt: Date;
}

/**
 * Per-request view of the browser: its locale, address and session, and the cookie state to
 * write back. Built by {@link WebSessionGuard}; changed only through the named methods.
 */
export class WebContext {
  private state: SessionCookieState;
  private changed = false;
  private cleared = false;

  constructor(
    readonly locale: string,
    readonly ip: string | null,
    readonly userAgent: string | null,
    cookie: SessionCookieState,
    private currentSession: BrowserSession | null,
  ) {
    // A cookie naming a finished or unusable session is rewritten without it.
    this.state = currentSession ? cookie : { ...cookie, sessionId: null };
    this.changed = cookie.sessionId !== null && currentSession === null;
  }

  get session(): BrowserSession | null {
    return this.currentSession;
  }

  get user(): UserView | null {
    return this.currentSession?.user ?? null;
  }

  /** The unfinished registration this browser started, if any. */
  get registrationId(): string | null {
    return this.state.registrationId ?? null;
  }

  /** Remembers (or, with null, forgets) the registration this browser continues. */
  bindRegistration(registrationId: string | null): void {
    this.state = { ...this.state, registrationId };
    this.changed = true;
    this.cleared = false;
  }

  get csrf(): CsrfState | null {
    return this.state.csrf;
  }

  /** The cookie to send back: `undefined` when unchanged, `null` to remove it. */
  get pendingCookie(): SessionCookieState | null | undefined {
    if (this.cleared) return null;
    return this.changed ? this.state : undefined;
  }

  setCsrf(csrf: CsrfState): void {
    this.state = { ...this.state, csrf };
    this.changed = true;
    this.cleared = false;
  }

  signIn(session: BrowserSession, csrf: CsrfState): void {
    this.currentSession = session;
    this.state = { sessionId: session.id, csrf };
    this.changed = true;
    this.cleared = false;
  }

  signOut(): void {
    this.currentSession = null;
    this.state = { sessionId: null, csrf: null };
    this.cleared = true;
  }
}
