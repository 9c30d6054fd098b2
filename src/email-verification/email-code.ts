/** Digits in a mailed verification code (MAS crates/tasks/src/email.rs). */
export const EMAIL_CODE_LENGTH = 6;

/**
 * How long a mailed code is valid. MAS's code says 5 minutes and its documentation 10; mas-ts
 * follows the documentation (docs/compatibility.md), the lifetime of a recovery link too.
 */
export const EMAIL_CODE_TTL_MS = 10 * 60_000;

/** Minutes a code is valid, as the pages and the mail say it. */
export const EMAIL_CODE_MINUTES = EMAIL_CODE_TTL_MS / 60_000;

/**
 * No code is mailed for an authentication older than this (a job retried for hours after the
 * person gave up sends nothing), and none is accepted from it.
 */
export const EMAIL_AUTHENTICATION_WINDOW_MS = 60 * 60_000;

/**
 * The code as a person may type it: surrounding and inner spaces or hyphens are ignored
 * ("123 456", "123-456"). Null when what remains is not six digits.
 */
export function normalizeEmailCode(input: string): string | null {
  const code = input.replace(/[\s-]/g, '');
  return new RegExp(`^[0-9]{${EMAIL_CODE_LENGTH}}$`).test(code) ? code : null;
}
