import { Injectable } from '@nestjs/common';
import { Clock, hashToken } from '../../core';
import type { Tx } from '../../database/transaction';
import { UserSessionRepository } from '../../storage/browser-sessions/user-session.repository';
import { CompatSsoLoginRepository } from '../../storage/compat/compat-sso-login.repository';
import { UserAccounts, type UserView } from '../../users/user-accounts.service';
import { forbidden, MatrixError } from '../matrix-error';

/** A `loginToken` must be exchanged within 30 s of the browser step (MAS compat/login.rs). */
export const LOGIN_TOKEN_TTL_MS = 30_000;

/** A login token that may be exchanged now, with whom it signs in. */
export interface RedeemableLoginToken {
  loginId: string;
  userSessionId: string;
  user: UserView;
}

const INVALID_TOKEN = 'Invalid login token';

/** `m.login.token`: the login tokens the SSO completion page hands legacy clients. */
@Injectable()
export class LoginTokens {
  constructor(
    private readonly clock: Clock,
    private readonly logins: CompatSsoLoginRepository,
    private readonly browserSessions: UserSessionRepository,
    private readonly users: UserAccounts,
  ) {}

  /**
   * The login a token completes, if it is fulfilled, unspent, at most 30 s old, its browser
   * session still open and its user able to sign in; else 403 `M_FORBIDDEN` (401
   * `M_USER_LOCKED` for a locked user). Spends nothing.
   */
  async check(token: string): Promise<RedeemableLoginToken> {
    const login = await this.logins.findFulfilledByTokenHash(hashToken(token));
    if (!login || login.fulfilledAt === null || login.userSessionId === null) {
      throw forbidden(INVALID_TOKEN);
    }
    if (login.exchangedAt !== null) throw forbidden(INVALID_TOKEN);
    if (this.clock.now().getTime() - login.fulfilledAt.getTime() > LOGIN_TOKEN_TTL_MS) {
      throw forbidden('Login token expired');
    }
    const session = await this.browserSessions.findActiveById(login.userSessionId);
    const user = session ? await this.users.findById(session.userId) : null;
    if (!session || !user || user.deactivatedAt !== null) throw forbidden(INVALID_TOKEN);
    if (user.lockedAt !== null) {
      throw new MatrixError(401, 'M_USER_LOCKED', 'This account has been locked', {
        soft_logout: false,
      });
    }
    return { loginId: login.id, userSessionId: session.id, user };
  }

  /** Spends the token inside the new session's transaction; a racing second use gets 403. */
  async spend(token: RedeemableLoginToken, compatSessionId: string, tx: Tx): Promise<void> {
    const spent = await this.logins.markExchanged(
      token.loginId,
      compatSessionId,
      this.clock.now(),
      tx,
    );
    if (!spent) throw forbidden(INVALID_TOKEN);
  }
}
