/** Anything that is not a single string counts as empty. */
export function field(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

function fieldsOf(body: unknown): Record<string, unknown> {
  return (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
}

/** `POST /account/display-name`. */
export interface DisplayNameForm {
  displayName: string;
}

export function parseDisplayNameForm(body: unknown): DisplayNameForm {
  return { displayName: field(fieldsOf(body).display_name).trim() };
}

/** `POST /account/password`. */
export interface PasswordChangeForm {
  current: string;
  password: string;
  passwordConfirm: string;
  /** The "sign out my other sessions" checkbox (sent only when ticked). */
  endSessions: boolean;
}

export function parsePasswordChangeForm(body: unknown): PasswordChangeForm {
  const b = fieldsOf(body);
  return {
    current: field(b.current_password),
    password: field(b.password),
    passwordConfirm: field(b.password_confirm),
    endSessions: field(b.end_sessions) === '1',
  };
}

/** `POST /account/sessions/{id}/rename`. */
export interface SessionRenameForm {
  name: string;
}

export function parseSessionRenameForm(body: unknown): SessionRenameForm {
  return { name: field(fieldsOf(body).name).trim() };
}

/** `POST /account/deactivate`. */
export interface DeactivationForm {
  password: string;
  /** What a user without a password types to confirm: their username. */
  confirmation: string;
  erase: boolean;
}

export function parseDeactivationForm(body: unknown): DeactivationForm {
  const b = fieldsOf(body);
  return {
    password: field(b.password),
    confirmation: field(b.confirmation).trim(),
    erase: field(b.erase) === '1',
  };
}

/** The query of `GET /account` (MSC4191 deep links). */
export interface AccountQuery {
  action?: unknown;
  device_id?: unknown;
}

/** The query of the session pages: `end=1` opens the "end this session" confirmation. */
export interface SessionQuery {
  end?: unknown;
  /** Set by the redirect after a rename, to say it was saved. */
  renamed?: unknown;
}
