import { timingSafeEqual } from 'node:crypto';
import type { Rng } from '../core';

/** MAS's CSRF token lifetime: 1 h, extended on each render (crates/axum-utils/src/csrf.rs). */
export const CSRF_TTL_MS = 60 * 60 * 1000;

/** The synchronizer token kept inside the encrypted session cookie. */
export interface CsrfState {
  /** 32 random bytes, base64url; the same string goes into every form's `csrf` field. */
  token: string;
  /** Epoch milliseconds after which a form carrying the token is refused. */
  expiresAt: number;
}

/**
 * The token for the next form: the current one with its lifetime extended if it is still
 * valid, a fresh one otherwise (OWASP CSRF cheat sheet, synchronizer token pattern).
 */
export function refreshCsrf(current: CsrfState | null, now: Date, rng: Rng): CsrfState {
  const token =
    current && current.expiresAt > now.getTime()
      ? current.token
      : rng.bytes(32).toString('base64url');
  return { token, expiresAt: now.getTime() + CSRF_TTL_MS };
}

/** A brand new token, e.g. after signing in, so no token seen before the login stays valid. */
export function rotateCsrf(now: Date, rng: Rng): CsrfState {
  return refreshCsrf(null, now, rng);
}

/**
 * True when `submitted` equals the cookie's unexpired token; compared in constant time so the
 * comparison does not leak how many leading characters matched.
 */
export function verifyCsrf(current: CsrfState | null, submitted: unknown, now: Date): boolean {
  if (!current || typeof submitted !== 'string') return false;
  if (current.expiresAt <= now.getTime()) return false;
  const expected = Buffer.from(current.token, 'utf8');
  const actual = Buffer.from(submitted, 'utf8');
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}
