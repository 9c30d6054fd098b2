/** Anything that is not a single string counts as empty. */
function field(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

function fieldsOf(body: unknown): Record<string, unknown> {
  return (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
}

/** `POST /recover`. */
export interface RecoverForm {
  email: string;
}

export function parseRecoverForm(body: unknown): RecoverForm {
  return { email: field(fieldsOf(body).email).trim() };
}

/** The query of `GET /account/password/recovery`. */
export interface RecoveryLinkQuery {
  ticket?: unknown;
}

/** `POST /account/password/recovery`. */
export interface NewPasswordForm {
  ticket: string;
  password: string;
  passwordConfirm: string;
  /** The "sign out everywhere" checkbox (sent only when ticked). */
  endSessions: boolean;
}

export function parseNewPasswordForm(body: unknown): NewPasswordForm {
  const b = fieldsOf(body);
  return {
    ticket: field(b.ticket),
    password: field(b.password),
    passwordConfirm: field(b.password_confirm),
    endSessions: field(b.end_sessions) === '1',
  };
}
