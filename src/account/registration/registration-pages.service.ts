import { Injectable } from '@nestjs/common';
import { isStorableUlid } from '../../core';
import { retryAfterSeconds } from '../../rate-limit';
import {
  MAX_DISPLAY_NAME_LENGTH,
  RegistrationFlow,
  RegistrationSettings,
  RegistrationStart,
  type RegistrationErrors,
  type RegistrationForm,
  type RegistrationState,
} from '../../registration';
import {
  BrowserSessions,
  page,
  redirect,
  safeNext,
  safeNextOrNull,
  type WebContext,
  type WebResult,
} from '../../web-session';
import { RegistrationCaptcha } from './registration-captcha';
import { fieldsOf, type StepForm } from './registration-forms';
import { emailCodePage, type EmailCodePageExtra } from '../email-code-page';

const DISABLED = page('registration-disabled.njk', {}, 404);

/** Why a registration page cannot go on; each has a readable page. */
type Unusable =
  | 'unknown'
  | 'expired'
  | 'completed'
  | 'email_in_use'
  | 'taken'
  | 'unavailable'
  | 'homeserver_error';

const UNUSABLE_STATUS: Record<Unusable, number> = {
  unknown: 404,
  expired: 410,
  completed: 410,
  email_in_use: 409,
  taken: 409,
  unavailable: 409,
  homeserver_error: 503,
};

/** The page of a step. */
export function stepPath(id: string, step: string): string {
  return `/register/steps/${id}/${step}`;
}

function registerPath(next: string | null): string {
  return next === null
    ? '/register/password'
    : `/register/password?next=${encodeURIComponent(next)}`;
}

/**
 * The password registration pages (MAS views/register/*): the form, then one page per step,
 * then `finish`, which signs the new account in with a new browser session and continues to
 * the `next` the registration started with. A registration continues only in the browser
 * that started it (its id is kept in the encrypted session cookie).
 */
@Injectable()
export class RegistrationPages {
  constructor(
    private readonly settings: RegistrationSettings,
    private readonly start: RegistrationStart,
    private readonly flow: RegistrationFlow,
    private readonly sessions: BrowserSessions,
    private readonly captcha: RegistrationCaptcha,
  ) {}

  /** `GET /register`: only password registration exists, so it goes straight to its form. */
  entry(web: WebContext, next: unknown): WebResult {
    if (!this.settings.enabled) return DISABLED;
    if (web.session) return redirect(safeNext(next));
    return redirect(registerPath(safeNextOrNull(next)));
  }

  passwordForm(web: WebContext, next: unknown): WebResult {
    if (!this.settings.enabled) return DISABLED;
    if (web.session) return redirect(safeNext(next));
    const form = { username: '', email: '', next: safeNextOrNull(next), accept_terms: false };
    return this.form(form, {}, 200);
  }

  async submitPassword(web: WebContext, form: RegistrationForm, body: unknown): Promise<WebResult> {
    if (!this.settings.enabled) return DISABLED;
    const shown = {
      username: form.username,
      email: form.email,
      next: safeNextOrNull(form.next),
      accept_terms: form.acceptTerms,
    };
    const captchaError = await this.captcha.check(fieldsOf(body), web.ip);
    if (captchaError) return this.form(shown, { form: captchaError }, 400);
    const result = await this.start.start(form, {
      ip: web.ip,
      userAgent: web.userAgent,
      locale: web.locale,
    });
    if (!result.ok) {
      const retryAfter =
        result.retryAfterMs === undefined ? undefined : retryAfterSeconds(result.retryAfterMs);
      const status =
        retryAfter !== undefined ? 429 : result.errors.form === 'policy_denied' ? 403 : 400;
      return this.form(shown, result.errors, status, retryAfter, result.passwordScore);
    }
    web.bindRegistration(result.registrationId);
    return redirect(stepPath(result.registrationId, 'finish'));
  }

  async verifyEmailForm(web: WebContext, id: string): Promise<WebResult> {
    return this.atStep(web, id, 'verify-email', (state) => this.codeForm(state, null, 200));
  }

  async submitVerifyEmail(web: WebContext, id: string, form: StepForm): Promise<WebResult> {
    return this.atStep(web, id, 'verify-email', async (state) => {
      if (form.action === 'resend') {
        const sent = await this.flow.resendCode(state, {
          ip: web.ip,
          userAgent: web.userAgent,
          locale: web.locale,
        });
        if (sent.ok) return this.codeForm(state, null, 200, { resent: true });
        if (sent.reason === 'rate_limited') {
          const seconds = retryAfterSeconds(sent.retryAfterMs);
          return this.codeForm(state, 'resend_rate_limited', 429, { retryAfter: seconds });
        }
        return this.unusable(sent.reason === 'stale' ? 'expired' : 'unknown');
      }
      const checked = await this.flow.verifyEmail(state, form.value);
      if (checked.ok) return redirect(stepPath(state.id, 'finish'));
      switch (checked.reason) {
        case 'wrong_code':
        case 'expired':
          return this.codeForm(state, checked.reason, 400);
        case 'too_many_attempts': {
          const seconds = retryAfterSeconds(checked.retryAfterMs);
          return this.codeForm(state, 'too_many_attempts', 429, { retryAfter: seconds });
        }
        case 'completed':
          return redirect(stepPath(state.id, 'finish'));
        case 'stale':
          return this.unusable('expired');
        case 'unknown':
          return this.unusable('unknown');
      }
    });
  }

  async tokenForm(web: WebContext, id: string): Promise<WebResult> {
    return this.atStep(web, id, 'token', (state) => this.tokenPage(state, null, 200));
  }

  async submitToken(web: WebContext, id: string, form: StepForm): Promise<WebResult> {
    return this.atStep(web, id, 'token', async (state) => {
      const result = await this.flow.submitToken(state, form.value.trim());
      if (result.ok) return redirect(stepPath(state.id, 'finish'));
      return this.tokenPage(state, result.reason, 400);
    });
  }

  async displayNameForm(web: WebContext, id: string): Promise<WebResult> {
    return this.atStep(web, id, 'display-name', (state) =>
      this.displayNamePage(state, '', null, 200),
    );
  }

  async submitDisplayName(web: WebContext, id: string, form: StepForm): Promise<WebResult> {
    return this.atStep(web, id, 'display-name', async (state) => {
      const result = await this.flow.setDisplayName(
        state,
        form.action === 'skip' ? null : form.value,
      );
      if (result.ok) return redirect(stepPath(state.id, 'finish'));
      return this.displayNamePage(state, form.value, result.reason, 400);
    });
  }

  /**
   * `GET /register/steps/{id}/finish`: sends the browser to the step still missing, or creates
   * the account and signs it in with a new browser session (any session of this browser is
   * finished first; no session id seen before is reused).
   */
  async finish(web: WebContext, id: string): Promise<WebResult> {
    const state = await this.bound(web, id);
    if (!('step' in state)) return state;
    const result = await this.flow.finish(state);
    if (result.ok) {
      await this.sessions.signInWithPassword(web, result.user, result.passwordId);
      return redirect(safeNext(result.next));
    }
    if ('step' in result) {
      if (result.step === 'completed' || result.step === 'expired')
        return this.unusable(result.step);
      return redirect(stepPath(state.id, result.step));
    }
    if (result.reason === 'token') {
      return this.tokenPage({ ...state, step: 'token' }, result.token, 409);
    }
    if (result.reason === 'email_in_use') return this.unusable('email_in_use');
    if (result.reason === 'homeserver_error') return this.unusable('homeserver_error');
    if (result.reason === 'unavailable') return this.unusable('unavailable');
    return this.unusable('taken');
  }

  /** The registration this browser is continuing, when `id` names it and it still exists. */
  private async bound(web: WebContext, id: string): Promise<RegistrationState | WebResult> {
    if (!this.settings.enabled) return DISABLED;
    if (!isStorableUlid(id) || web.registrationId !== id) return this.unusable('unknown');
    const state = await this.flow.state(id);
    if (!state) return this.unusable('unknown');
    if (state.step === 'completed' || state.step === 'expired') return this.unusable(state.step);
    return state;
  }

  /** Runs `work` when the registration is at `step`; otherwise goes to the step it is at. */
  private async atStep(
    web: WebContext,
    id: string,
    step: 'verify-email' | 'token' | 'display-name',
    work: (state: RegistrationState) => WebResult | Promise<WebResult>,
  ): Promise<WebResult> {
    const state = await this.bound(web, id);
    if (!('step' in state)) return state;
    if (state.step !== step) return redirect(stepPath(id, 'finish'));
    return work(state);
  }

  private unusable(reason: Unusable): WebResult {
    return page('registration-invalid.njk', { reason }, UNUSABLE_STATUS[reason]);
  }

  private form(
    form: { username: string; email: string; next: string | null; accept_terms: boolean },
    errors: RegistrationErrors,
    status: number,
    retryAfter?: number,
    passwordScore?: number,
  ): WebResult {
    return page(
      'register.njk',
      {
        form: {
          ...form,
          errors,
          retry_after: retryAfter ?? null,
          password_score: passwordScore ?? null,
        },
        email_required: this.settings.emailRequired,
        tos_uri: this.settings.tosUri,
        captcha: this.captcha.widget,
        login_url: form.next === null ? '/login' : `/login?next=${encodeURIComponent(form.next)}`,
      },
      status,
      retryAfter === undefined ? {} : { 'Retry-After': String(retryAfter) },
    );
  }

  private codeForm(
    state: RegistrationState,
    error: string | null,
    status: number,
    extra: EmailCodePageExtra = {},
  ): WebResult {
    return emailCodePage(
      'register-verify-email.njk',
      stepPath(state.id, 'verify-email'),
      state.email ?? '',
      error,
      status,
      extra,
    );
  }

  private tokenPage(state: RegistrationState, error: string | null, status: number): WebResult {
    return page('register-token.njk', { action: stepPath(state.id, 'token'), error }, status);
  }

  private displayNamePage(
    state: RegistrationState,
    value: string,
    error: string | null,
    status: number,
  ): WebResult {
    return page(
      'register-display-name.njk',
      {
        action: stepPath(state.id, 'display-name'),
        username: state.username,
        display_name: value,
        max_length: MAX_DISPLAY_NAME_LENGTH,
        error,
      },
      status,
    );
  }
}
