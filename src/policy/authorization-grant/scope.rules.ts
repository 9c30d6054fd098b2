import { DEVICE_ID, type ScopeToken } from '../../scopes/scope';
import type { Violation } from './violation';

/** Grants where a person is present (MAS `authorization_grant` policy). */
export type GrantType =
  'authorization_code' | 'urn:ietf:params:oauth:grant-type:device_code' | 'client_credentials';

export interface ScopeRuleInput {
  scope: readonly ScopeToken[];
  grantType: GrantType;
  clientId: string;
  /** Absent for client_credentials. */
  user?: { username: string; canRequestAdmin: boolean };
  /** `policy.data.admin_users` and `policy.data.admin_clients`. */
  adminUsers: readonly string[];
  adminClients: readonly string[];
}

function isInteractive(grantType: GrantType): boolean {
  return grantType !== 'client_credentials';
}

function isAdminUser(input: ScopeRuleInput): boolean {
  return (
    !!input.user && (input.user.canRequestAdmin || input.adminUsers.includes(input.user.username))
  );
}

/** Whether one scope token is allowed for this grant, user and client (MSC2967, MAS §2.7). */
function tokenAllowed(token: ScopeToken, input: ScopeRuleInput): boolean {
  switch (token.kind) {
    case 'openid':
    case 'email':
    case 'mas_graphql':
      return true;
    case 'matrix_api':
      return isInteractive(input.grantType);
    case 'matrix_device':
      return isInteractive(input.grantType) && DEVICE_ID.test(token.deviceId);
    case 'synapse_admin':
      return isInteractive(input.grantType) && isAdminUser(input);
    case 'mas_admin':
      return isInteractive(input.grantType)
        ? isAdminUser(input)
        : input.adminClients.includes(input.clientId);
    case 'other':
      return false;
  }
}

/**
 * MAS's scope rules of the `authorization_grant` policy: each scope must be allowed; at most
 * one device scope, only together with a C-S API scope; stable and unstable Matrix scopes are
 * never mixed in one request.
 */
export function scopeViolations(input: ScopeRuleInput): Violation[] {
  const violations: Violation[] = [];
  for (const token of input.scope) {
    if (!tokenAllowed(token, input)) violations.push({ msg: `scope '${token.raw}' not allowed` });
  }
  const devices = input.scope.filter((t) => t.kind === 'matrix_device');
  const apis = input.scope.filter((t) => t.kind === 'matrix_api');
  if (devices.length > 1) violations.push({ msg: 'only one device scope is allowed at a time' });
  if (devices.length > 0 && apis.length === 0) {
    violations.push({ msg: 'a device scope requires a client API scope' });
  }
  const namespaces = new Set(
    input.scope.flatMap((t) =>
      t.kind === 'matrix_api' || t.kind === 'matrix_device' ? [t.namespace] : [],
    ),
  );
  if (namespaces.size > 1) {
    violations.push({ msg: 'stable and unstable Matrix scopes cannot be mixed' });
  }
  return violations;
}
