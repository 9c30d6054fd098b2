import { Injectable } from '@nestjs/common';
import { MatrixConfig } from '../../config';
import { Clock, hashToken, isStorableUlid, Rng } from '../../core';
import type { Violation } from '../../policy';
import { TooManySessions } from '../../sessions';
import type { CompatSsoLoginEntity } from '../../storage/compat/compat-sso-login.entity';
import { CompatSsoLoginRepository } from '../../storage/compat/compat-sso-login.repository';
import {
  externalRedirect,
  page,
  redirect,
  type WebContext,
  type WebResult,
} from '../../web-session';
import { CompatLoginPolicy } from '../login/compat-login-policy';
import { completeSsoPath, signInFirstPath } from './sso-paths';
import { redirectTargetView, withLoginToken } from './sso-redirect-url';
import { LOGIN_TOKEN_LENGTH } from './sso-redirect.service';

/** A pending SSO login must be confirmed within 30 minutes (MAS compat/login_sso_complete.rs). */
export const PENDING_SSO_LOGIN_TTL_MS = 30 * 60 * 1000;

/** Why a completion page cannot go on. */
type EndedReason = 'not_found' | 'completed' | 'expired' | 'cancelled' | 'refused';

const ended = (reason: EndedReason, status: number, violations: string[] = []): WebResult =>
  page('compat-sso-ended.njk', { reason, violations }, status);

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
    private readonly policy: CompatLoginPolicy,
    private readonly tooManySessions: TooManySessions,
  ) {}

  async show(web: WebContext, loginId: string): Promise<WebResult> {
    const found = await this.pending(web, loginId);
    if (found.kind === 'answer') return found.result;
    const violations = await this.violations(web);
    if (violations.length > 0) return this.refusal(web, found.login, violations, 200);
    return this.confirmation(web, found.login);
  }

  /**
   * POST (CSRF-checked by the guard): `action=continue`, `action=cancel` (or `deny`, from the
   * too-many-sessions page), or `action=end_sessions`, which ends the selected `session`s of
   * the person and comes back here to be judged again.
   */
  async decide(
    web: WebContext,
    loginId: string,
    form: Record<string, unknown>,
  ): Promise<WebResult> {
    const found = await this.pending(web, loginId);
    if (found.kind === 'answer') return found.result;
    const action = form.action;
    if (action === 'cancel' || action === 'deny') return ended('cancelled', 200);
    if (action === 'end_sessions' && web.session) {
      await this.tooManySessions.endSelected(web.session.user.id, form.session);
      return redirect(completeSsoPath(found.login.id));
    }
    if (action !== 'continue' || !web.session) return this.confirmation(web, found.login, 400);
    const violations = await this.violations(web);
    if (violations.length > 0) return this.refusal(web, found.login, violations, 403);
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

  /** The `compat_login` policy for the interactive `m.login.sso` (held to `soft_limit`). */
  private async violations(web: WebContext): Promise<Violation[]> {
    if (!web.session) return [];
    const { user } = web.session;
    return this.policy.violations({
      user: { id: user.id, username: user.username },
      type: 'm.login.sso',
      requester: { ipAddress: web.ip, userAgent: web.userAgent },
    });
  }

  /**
   * A refused SSO login: the too-many-sessions page when the session limit is the one thing in
   * the way (the person may end sessions there), else the ended page naming the violations.
   */
  private async refusal(
    web: WebContext,
    login: CompatSsoLoginEntity,
    violations: Violation[],
    status: number,
  ): Promise<WebResult> {
    const only = violations.length === 1 ? violations[0] : undefined;
    if (only?.code !== 'too-many-sessions' || !web.session) {
      return ended(
        'refused',
        403,
        violations.map((v) => v.msg),
      );
    }
    const { user } = web.session;
    const target = redirectTargetView(login.redirectUri);
    return page(
      'consent-too-many-sessions.njk',
      {
        action: completeSsoPath(login.id),
        client: {
          name: target.host,
          clientUri: null,
          logoUri: null,
          policyUri: null,
          tosUri: null,
          selfRegistered: false,
        },
        need_to_remove: only.need_to_remove ?? 1,
        sessions: await this.tooManySessions.list(user.id),
        user: { username: user.username, mxid: `@${user.username}:${this.matrix.homeserver}` },
        switch_account: `/login?${new URLSearchParams({ next: completeSsoPath(login.id), reauth: '1' }).toString()}`,
      },
      status,
    );
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
