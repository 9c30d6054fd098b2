import { Injectable } from '@nestjs/common';
import { MatrixConfig } from '../../config';
import { Clock, hashToken, isStorableUlid, Rng } from '../../core';
import type { CompatSsoLoginEntity } from '../../storage/compat/compat-sso-login.entity';
import { CompatSsoLoginRepository } from '../../storage/compat/compat-sso-login.repository';
import {
  externalRedirect,
  page,
  redirect,
  type WebContext,
  type WebResult,
} from '../../web-session';
import { completeSsoPath, signInFirstPath } from './sso-paths';
import { redirectTargetView, withLoginToken } from './sso-redirect-url';
import { LOGIN_TOKEN_LENGTH } from './sso-redirect.service';

/** A pending SSO login must be confirmed within 30 minutes (MAS compat/login_sso_complete.rs). */
export const PENDING_SSO_LOGIN_TTL_MS = 30 * 60 * 1000;

/** Why a completion page cannot go on. */
type EndedReason = 'not_found' | 'completed' | 'expired' | 'cancelled';

const ended = (reason: EndedReason, status: number): WebResult =>
  page('compat-sso-ended.njk', { reason }, status);

/**
 * `GET|POST /complete-compat-sso/{id}`: after signing in, the person sees which address the
 * legacy client will receive a login token at, and confirms (or cancels). Confirming draws the
 * login token, binds the login to the browser session, and redirects to `redirectUrl` with
 * `loginToken`, which the client exchanges at `POST /login` (`m.login.token`) within 30 s.
 */
@Injectable()
export class SsoCompletionService {
  constructor(
    private readonly clock: Clock,
    private readonly rng: Rng,
    private readonly logins: CompatSsoLoginRepository,
    private readonly matrix: MatrixConfig,
  ) {}

  async show(web: WebContext, loginId: string): Promise<WebResult> {
    const found = await this.pending(web, loginId);
    if (found.kind === 'answer') return found.result;
    return this.confirmation(web, found.login);
  }

  /** POST (CSRF-checked by the guard): `action=continue` or `action=cancel`. */
  async decide(web: WebContext, loginId: string, action: unknown): Promise<WebResult> {
    const found = await this.pending(web, loginId);
    if (found.kind === 'answer') return found.result;
    if (action === 'cancel') return ended('cancelled', 200);
    if (action !== 'continue' || !web.session) return this.confirmation(web, found.login, 400);
    const token = this.rng.alphanumeric(LOGIN_TOKEN_LENGTH);
    const fulfilled = await this.logins.fulfill(found.login.id, {
      userSessionId: web.session.id,
      tokenSha256: hashToken(token),
      now: this.clock.now(),
    });
    if (!fulfilled) return ended('completed', 400);
    return externalRedirect(withLoginToken(found.login.redirectUri, token));
  }

  private async pending(
    web: WebContext,
    loginId: string,
  ): Promise<
    { kind: 'login'; login: CompatSsoLoginEntity } | { kind: 'answer'; result: WebResult }
  > {
    const login = isStorableUlid(loginId) ? await this.logins.findById(loginId) : null;
    if (!login) return { kind: 'answer', result: ended('not_found', 404) };
    if (login.fulfilledAt !== null) return { kind: 'answer', result: ended('completed', 400) };
    if (this.clock.now().getTime() - login.createdAt.getTime() > PENDING_SSO_LOGIN_TTL_MS) {
      return { kind: 'answer', result: ended('expired', 400) };
    }
    if (!web.session) {
      return { kind: 'answer', result: redirect(signInFirstPath(completeSsoPath(login.id))) };
    }
    return { kind: 'login', login };
  }

  private confirmation(web: WebContext, login: CompatSsoLoginEntity, status = 200): WebResult {
    const username = web.session?.user.username ?? '';
    return page(
      'compat-sso.njk',
      {
        action: completeSsoPath(login.id),
        target: redirectTargetView(login.redirectUri),
        user: { username, mxid: `@${username}:${this.matrix.homeserver}` },
        switch_account: `/login?${new URLSearchParams({ next: completeSsoPath(login.id), reauth: '1' }).toString()}`,
      },
      status,
    );
  }
}
