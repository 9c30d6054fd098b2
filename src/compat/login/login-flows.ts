/** One entry of `GET /login`'s `flows` (C-S spec `GET /_matrix/client/v3/login`). */
export type LoginFlow = { type: string } & Record<string, unknown>;

/**
 * The login types offered (MAS compat/login.rs): `m.login.password` only when passwords are
 * enabled; `m.login.sso`, which sends the client's user to the browser, marked as the way
 * OAuth-aware clients should prefer (C-S spec v1.15 `oauth_aware_preferred`, MSC3824's unstable
 * `delegated_oidc_compatibility`); and `m.login.token`, which completes it.
 */
export function loginFlows(passwordsEnabled: boolean): { flows: LoginFlow[] } {
  const flows: LoginFlow[] = [];
  if (passwordsEnabled) flows.push({ type: 'm.login.password' });
  flows.push({
    type: 'm.login.sso',
    identity_providers: [],
    oauth_aware_preferred: true,
    'org.matrix.msc3824.delegated_oidc_compatibility': true,
  });
  flows.push({ type: 'm.login.token' });
  return { flows };
}
