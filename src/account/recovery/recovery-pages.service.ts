import { Injectable } from '@nestjs/common';
import { retryAfterSeconds } from '../../rate-limit';
import {
  RECOVERY_LINK_MINUTES,
  RecoveryRequests,
  RecoverySettings,
  type UnusableTicket,
} from '../../recovery';
import { page, type WebContext, type WebResult } from '../../web-session';
import type { NewPasswordForm, RecoverForm } from './recovery-forms';

/** The status of the page for a ticket that cannot be used. */
const UNUSABLE_STATUS: Record<UnusableTicket, number> = {
  unknown: 404,
  expired: 410,
  consumed: 410,
  locked: 403,
};

const DISABLED = page('recovery-disabled.njk', {}, 404);

/**
 * The password recovery pages (MAS views/recovery/*): the address form, the "check your inbox"
 * answer, and the new-password form of a mailed link. Each shows the "not enabled" page while
 * `account.password_recovery_enabled` (or `passwords.enabled`) is off.
 */
@Injectable()
export class RecoveryPages {
  constructor(
    private readonly settings: RecoverySettings,
    private readonly requests: RecoveryRequests,
  ) {}

  startForm(): WebResult {
    if (!this.settings.enabled) return DISABLED;
    return this.addressForm('', null, 200);
  }

  /**
   * Every well-formed address gets the same "check your inbox" page, whether an account has it
   * or not; a refusal by the rate limit is a 429 with `Retry-After` (RFC 6585 §4).
   */
  async submitStart(web: WebContext, form: RecoverForm): Promise<WebResult> {
    if (!this.settings.enabled) return DISABLED;
    const result = await this.requests.start(form.email, {
      ip: web.ip,
      userAgent: web.userAgent,
      locale: web.locale,
    });
    if (result.ok) {
      return page('recover-sent.njk', { email: form.email, minutes: RECOVERY_LINK_MINUTES });
    }
    switch (result.reason) {
      case 'invalid_email':
        return this.addressForm(form.email, 'invalid_email', 400);
      case 'rate_limited': {
        const seconds = retryAfterSeconds(result.retryAfterMs);
        return this.addressForm(form.email, 'rate_limited', 429, seconds);
      }
    }
  }

  async linkForm(ticket: unknown): Promise<WebResult> {
    if (!this.settings.enabled) return DISABLED;
    const inspection = await this.requests.inspect(ticket);
    if (!inspection.ok) return this.unusable(inspection.reason);
    return this.passwordForm(ticket as string, inspection, null, true, 200);
  }

  async submitPassword(form: NewPasswordForm): Promise<WebResult> {
    if (!this.settings.enabled) return DISABLED;
    const inspection = await this.requests.inspect(form.ticket);
    if (!inspection.ok) return this.unusable(inspection.reason);
    const again = (error: string) =>
      this.passwordForm(form.ticket, inspection, error, form.endSessions, 400);
    if (form.password === '') return again('empty');
    if (form.password !== form.passwordConfirm) return again('mismatch');
    const result = await this.requests.reset(form.ticket, form.password, form.endSessions);
    if (result.ok) return page('recovery-done.njk', { ended_sessions: result.endedSessions });
    if (result.reason === 'invalid_password' || result.reason === 'too_weak') {
      return again(result.reason);
    }
    return this.unusable(result.reason);
  }

  private unusable(reason: UnusableTicket): WebResult {
    return page(
      'recovery-ticket-invalid.njk',
      { reason, minutes: RECOVERY_LINK_MINUTES },
      UNUSABLE_STATUS[reason],
    );
  }

  private addressForm(email: string, error: string | null, status: number, retryAfter?: number) {
    return page(
      'recover.njk',
      { form: { email, error, retry_after: retryAfter ?? null } },
      status,
      retryAfter === undefined ? {} : { 'Retry-After': String(retryAfter) },
    );
  }

  private passwordForm(
    ticket: string,
    account: { username: string; mxid: string },
    error: string | null,
    endSessions: boolean,
    status: number,
  ): WebResult {
    return page(
      'recovery-password.njk',
      {
        form: {
          ticket,
          username: account.username,
          mxid: account.mxid,
          error,
          end_sessions: endSessions,
        },
      },
      status,
    );
  }
}
