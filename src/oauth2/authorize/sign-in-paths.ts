/** The consent page of a pending authorization grant. */
export function consentPath(grantId: string): string {
  return `/consent/${grantId}`;
}

/**
 * The login page, continuing to `next` afterwards; `login_hint` is forwarded (OIDC Core
 * §3.1.2.1) and `reauth` asks a signed-in person to authenticate again (`prompt=login`,
 * `max_age`).
 */
export function loginPath(next: string, loginHint: string | null, reauth = false): string {
  const query = new URLSearchParams({ next });
  if (loginHint !== null) query.set('login_hint', loginHint);
  if (reauth) query.set('reauth', '1');
  return `/login?${query.toString()}`;
}

/** The registration page, continuing to `next` once the account exists (`prompt=create`). */
export function registerPath(next: string): string {
  return `/register?${new URLSearchParams({ next }).toString()}`;
}
