import { error, ok, warning, type CheckResult } from './check-result';
import { clientBase, type DoctorContext } from './doctor-context';
import { errcodeOf, probe } from './http-probe';

const ROUTING_HINT =
  'route /_matrix/client/*/login, /logout and /refresh to mas-ts in the reverse proxy (docs/reverse-proxy.md)';

/** Whether `flows` is mas-ts's: `m.login.sso` marked `delegated_oidc_compatibility` (MSC3824). */
function isOurFlows(json: unknown): boolean {
  const flows = (json as { flows?: unknown } | undefined)?.flows;
  return (
    Array.isArray(flows) &&
    flows.some(
      (f: { type?: unknown; 'org.matrix.msc3824.delegated_oidc_compatibility'?: unknown }) =>
        f.type === 'm.login.sso' && f['org.matrix.msc3824.delegated_oidc_compatibility'] === true,
    )
  );
}

/**
 * Legacy clients reach mas-ts's compatibility layer at the homeserver's client URL: with
 * delegation on, Synapse answers these paths with 404 `M_UNRECOGNIZED`, so the proxy must send
 * them to mas-ts (MAS docs/setup/reverse-proxy.md).
 */
export async function compatRoutedToUs(ctx: DoctorContext): Promise<CheckResult> {
  const base = clientBase(ctx);
  const login = await probe(`${base}_matrix/client/v3/login`);
  if (!login.ok) {
    return error(`could not reach ${base}_matrix/client/v3/login (${login.error})`, ROUTING_HINT);
  }
  if (login.status !== 200 || !isOurFlows(login.json)) {
    return error(
      `${base}_matrix/client/v3/login is not answered by mas-ts (${login.status} ${errcodeOf(login.json) ?? ''}): legacy clients cannot sign in`,
      ROUTING_HINT,
    );
  }
  const misrouted: string[] = [];
  const json = { 'Content-Type': 'application/json' };
  const logout = await probe(`${base}_matrix/client/v3/logout`, {
    method: 'POST',
    headers: json,
    body: '{}',
  });
  if (!logout.ok || errcodeOf(logout.json) !== 'M_MISSING_TOKEN') misrouted.push('logout');
  const refresh = await probe(`${base}_matrix/client/v3/refresh`, {
    method: 'POST',
    headers: json,
    body: JSON.stringify({ refresh_token: 'mcr_doctor' }),
  });
  if (!refresh.ok || errcodeOf(refresh.json) !== 'M_UNKNOWN_TOKEN') misrouted.push('refresh');
  if (misrouted.length > 0) {
    return warning(
      `login reaches mas-ts, but ${misrouted.join(' and ')} do${misrouted.length === 1 ? 'es' : ''} not seem to`,
      ROUTING_HINT,
    );
  }
  return ok(`legacy login, logout and refresh at ${base} reach mas-ts`);
}
