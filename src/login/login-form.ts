/** The fields of the login form; anything that is not a single string counts as empty. */
export interface LoginForm {
  username: string;
  password: string;
  next: unknown;
}

/** The query of `GET /login`. */
export interface LoginQuery {
  next?: unknown;
  login_hint?: unknown;
  /** `1` when a signed-in person must authenticate again (`prompt=login`, `max_age`). */
  reauth?: unknown;
}

function field(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

/** Reads a urlencoded login form body; `next` may also come from the query string. */
export function parseLoginForm(body: unknown, query: LoginQuery): LoginForm {
  const b = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  return {
    username: field(b.username).trim(),
    password: field(b.password),
    next: b.next ?? query.next,
  };
}
