import { EMAIL_CODE_MINUTES } from '../email-verification';
import { page, type WebResult } from '../web-session';

/** What an email code form shows besides its error: a resend notice, or a wait (429). */
export interface EmailCodePageExtra {
  resent?: boolean;
  retryAfter?: number;
}

/**
 * The form asking for the 6-digit code mailed to `email` (registration's verify-email step and
 * `/account/emails`' add), posting to `action`; a wait also goes out as `Retry-After`
 * (RFC 6585 §4).
 */
export function emailCodePage(
  view: string,
  action: string,
  email: string,
  error: string | null,
  status: number,
  extra: EmailCodePageExtra = {},
): WebResult {
  const retryAfter = extra.retryAfter ?? null;
  return page(
    view,
    {
      action,
      email,
      minutes: EMAIL_CODE_MINUTES,
      error,
      resent: extra.resent ?? false,
      retry_after: retryAfter,
    },
    status,
    retryAfter === null ? {} : { 'Retry-After': String(retryAfter) },
  );
}
