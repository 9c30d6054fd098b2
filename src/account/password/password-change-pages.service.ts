import { Injectable } from '@nestjs/common';
import { retryAfterSeconds } from '../../rate-limit';
import { AccountSessions } from '../../sessions';
import { PasswordReauthentication } from '../../users/password-reauthentication.service';
import { page, redirect, type WebContext, type WebResult } from '../../web-session';
import { signInFirst } from '../account-actions';
import { AccountFeatures } from '../account-features';
import type { PasswordChangeForm } from '../account-forms';

export const PASSWORD_PATH = '/account/password';

/**
 * `/account/password` (MAS SPA `/password/change`): the current password, the new one twice,
 * and optionally signing out every other session. Refused while
 * `account.password_change_allowed` or `passwords.enabled` is off.
 */
@Injectable()
export class PasswordChangePages {
  constructor(
    private readonly features: AccountFeatures,
    private readonly passwords: PasswordReauthentication,
    private readonly sessions: AccountSessions,
  ) {}

  async form(web: WebContext): Promise<WebResult> {
    const user = web.user;
    if (!user) return redirect(signInFirst(PASSWORD_PATH));
    if (!this.features.passwordChange) return this.features.disabled('password');
    return this.page(await this.passwords.hasPassword(user.id), null, false, 200);
  }

  async submit(web: WebContext, form: PasswordChangeForm): Promise<WebResult> {
    const session = web.session;
    if (!session) return redirect(signInFirst(PASSWORD_PATH));
    if (!this.features.passwordChange) return this.features.disabled('password');
    const hasPassword = await this.passwords.hasPassword(session.user.id);
    const again = (error: string, status: number, retryAfter?: number) =>
      this.page(hasPassword, error, form.endSessions, status, retryAfter);
    if (form.password !== form.passwordConfirm) return again('mismatch', 400);
    const result = await this.passwords.change(
      session.user.id,
      form.current,
      form.password,
      web.ip,
    );
    if (!result.ok) {
      switch (result.reason) {
        case 'rate_limited':
          return again('rate_limited', 429, retryAfterSeconds(result.retryAfterMs));
        case 'passwords_disabled':
          return this.features.disabled('password');
        case 'wrong_password':
        case 'no_password':
          return again('wrong_password', 400);
        case 'empty':
        case 'too_weak':
          return again(result.reason, 400);
      }
    }
    const ended = form.endSessions
      ? await this.sessions.endAllOthers(session.user.id, session.id)
      : null;
    return page('account-password-done.njk', {
      ended_sessions: ended === null ? null : ended.oauth2 + ended.compat + ended.browser,
    });
  }

  private page(
    hasPassword: boolean,
    error: string | null,
    endSessions: boolean,
    status: number,
    retryAfter?: number,
  ): WebResult {
    return page(
      'account-password.njk',
      {
        form: {
          has_password: hasPassword,
          error,
          end_sessions: endSessions,
          retry_after: retryAfter ?? null,
        },
      },
      status,
      retryAfter === undefined ? {} : { 'Retry-After': String(retryAfter) },
    );
  }
}
