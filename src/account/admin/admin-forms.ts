import { isStorableUlid } from '../../core';

/** Anything that is not a single string counts as empty. */
export function field(source: unknown, name: string): string {
  const fields = (typeof source === 'object' && source !== null ? source : {}) as Record<
    string,
    unknown
  >;
  const value = fields[name];
  return typeof value === 'string' ? value : '';
}

/** A checkbox: sent (as `1`) only when ticked. */
export function ticked(source: unknown, name: string): boolean {
  return field(source, name) === '1';
}

/** A ULID path or query value in canonical upper case, or null when it is not one. */
export function ulidOrNull(value: unknown): string | null {
  return typeof value === 'string' && isStorableUlid(value) ? value.toUpperCase() : null;
}

/** The user states the search filters on (`admin` is `can_request_admin`). */
export const USER_STATES = ['active', 'locked', 'deactivated', 'admin'] as const;
export type UserState = (typeof USER_STATES)[number];

/** `GET /account/admin?q=&state=&after=&before=`. */
export interface UserSearchQuery {
  q: string;
  /** Null for every state; `invalid` when the value is not one of USER_STATES. */
  state: UserState | null | 'invalid';
  after: string | null;
  before: string | null;
}

export function parseUserSearch(query: unknown): UserSearchQuery {
  const state = field(query, 'state');
  return {
    q: field(query, 'q').trim(),
    state:
      state === ''
        ? null
        : (USER_STATES as readonly string[]).includes(state)
          ? (state as UserState)
          : 'invalid',
    after: ulidOrNull(field(query, 'after')),
    before: ulidOrNull(field(query, 'before')),
  };
}

/** `POST /account/admin/users/{id}/set-password`. */
export interface SetPasswordForm {
  password: string;
  passwordConfirm: string;
  /** "Skip the strength check" (the admin API's `skip_password_check`). */
  skipCheck: boolean;
}

export function parseSetPasswordForm(body: unknown): SetPasswordForm {
  return {
    password: field(body, 'password'),
    passwordConfirm: field(body, 'password_confirm'),
    skipCheck: ticked(body, 'skip_check'),
  };
}

/** `POST /account/admin/registration-tokens`. */
export interface IssueTokenForm {
  token: string;
  usageLimit: string;
  expiresAt: string;
}

export function parseIssueTokenForm(body: unknown): IssueTokenForm {
  return {
    token: field(body, 'token').trim(),
    usageLimit: field(body, 'usage_limit').trim(),
    expiresAt: field(body, 'expires_at').trim(),
  };
}

/** The query of the registration token list. */
export function parseTokenListQuery(query: unknown) {
  return {
    olderThan: ulidOrNull(field(query, 'older_than')),
    newerThan: ulidOrNull(field(query, 'newer_than')),
    done: field(query, 'done'),
    issued: ulidOrNull(field(query, 'issued')),
  };
}

/** `YYYY-MM-DDTHH:MM[:SS]`, what `<input type="datetime-local">` sends. */
const LOCAL_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/;

/**
 * A `datetime-local` value read as UTC (the page says so), or null when it is not one or names
 * a day or time that does not exist (2026-02-30, 24:00).
 */
export function parseUtcDateTime(value: string): Date | null {
  const m = LOCAL_DATE_TIME.exec(value);
  if (!m) return null;
  const [y, mo, d, h, mi, s] = m.slice(1).map((v) => (v === undefined ? 0 : Number(v)));
  if (mo < 1 || mo > 12 || h > 23 || mi > 59 || s > 59) return null;
  const at = new Date(Date.UTC(y, mo - 1, d, h, mi, s));
  if (at.getUTCFullYear() !== y || at.getUTCMonth() !== mo - 1 || at.getUTCDate() !== d) {
    return null;
  }
  return at;
}
