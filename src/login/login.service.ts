import { Injectable } from '@nestjs/common';
import { AccountConfig, MatrixConfig, PasswordsConfig } from '../config';
import { retryAfterSeconds } from '../rate-limit';
import { passwordRegistrationEnabled } from '../registration/registration-settings';
import { UserAccounts } from '../users/user-accounts.service';
import {
  BrowserSessions,
  page,
  redirect,
  safeNext,
  safeNextOrNull,
  type WebContext,
  type WebResult,
} from '../web-session';
import type { LoginForm, LoginQuery } from './login-form';
import { prefillFromLoginHint } from './login-hint';

/** The password login page (MAS views/login.rs). */
@Injectable()
export class LoginService {
  constructor(
    private readonly users: UserAccounts,
    private readonly sessions: BrowserSessions,
    private readonly account: AccountConfig,
    private readonly passwords: PasswordsConfig,
    private readonly matrix: MatrixConfig,
  ) {}

  /**
   * The form; a browser already signed in goes straight on to `next`, unless `reauth` asks it
   * to authenticate again (then the form is prefilled with the signed-in account).
   */
  showForm(web: WebContext, query: LoginQuery): WebResult {
    const reauth = query.reauth === '1';
    if (web.session && !reauth) return redirect(safeNext(query.next));
    if (!this.passwords.enabled) return page('login-disabled.njk');
    const username =
      web.session?.user.username ??
      prefillFromLoginHint(
        query.login_hint,
        this.matrix.homeserver,
        this.account.login_with_email_allowed,
      );
    return this.form(username, query.next, null, 200, { reauth });
  }

  /**
   * Checks the credentials. A wrong password and an unknown user give the same 400 form; the
   * locked and deactivated pages appear only after a correct password. An attempt refused by
   * `rate_limiting.login` gets the form again with 429 and `Retry-After` (RFC 6585 §4), its
   * password unchecked.
   */
  async submit(web: WebContext, form: LoginForm): Promise<WebResult> {
    const result =
      form.username === '' || form.password === ''
        ? ({ ok: false, reason: 'invalid_credentials' } as const)
        : await this.users.authenticate(form.username, form.password, web.ip);
    if (result.ok) {
      await this.sessions.signInWithPassword(web, result.user, result.passwordId);
      return redirect(safeNext(form.next));
    }
    switch (result.reason) {
      case 'invalid_credentials':
        return this.form(form.username, form.next, 'invalid_credentials', 400);
      case 'rate_limited': {
        const seconds = retryAfterSeconds(result.retryAfterMs);
        return this.form(form.username, form.next, 'rate_limited', 429, { retryAfter: seconds });
      }
      case 'locked':
        return page('account-locked.njk', {}, 403);
      case 'deactivated':
        return page('account-deactivated.njk', {}, 403);
      case 'password_login_disabled':
        return page('login-disabled.njk', {}, 403);
    }
  }

  private form(
    username: string,
    next: unknown,
    error: string | null,
    status: number,
    extra: { reauth?: boolean; retryAfter?: number } = {},
  ) {
    const retryAfter = extra.retryAfter ?? null;
    return page(
      'login.njk',
      {
        form: {
          username,
          next: safeNextOrNull(next),
          error,
          reauth: extra.reauth ?? false,
          retry_after: retryAfter,
        },
        login_with_email: this.account.login_with_email_allowed,
        // The "Forgot your password?" link (account/recovery/).
        password_recovery: this.account.password_recovery_enabled && this.passwords.enabled,
        // The "Create an account" link (account/registration/), continuing to the same `next`.
        register_url: passwordRegistrationEnabled(this.account, this.passwords)
          ? registerUrl(safeNextOrNull(next))
          : null,
      },
      status,
      retryAfter === null ? {} : { 'Retry-After': String(retryAfter) },
    );
  }
}

function registerUrl(next: string | null): string {
  return next === null ? 'register' : `register?${new URLSearchParams({ next }).toString()}`;
}
