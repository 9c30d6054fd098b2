/** The page where a person confirms a legacy SSO login (MAS `/complete-compat-sso/{id}`). */
export function completeSsoPath(loginId: string): string {
  return `/complete-compat-sso/${loginId}`;
}

/** The login page, continuing to `next` afterwards. */
export function signInFirstPath(next: string): string {
  return `/login?${new URLSearchParams({ next }).toString()}`;
}
