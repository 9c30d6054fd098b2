import { DEVICE_ID, type ScopeToken } from '../../scopes/scope';
import type { Violation } from '../violation';

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

const UNSTABLE = 'urn:matrix:org.matrix.msc2967.client:';
const STABLE = 'urn:matrix:client:';

function countPrefixed(scope: readonly ScopeToken[], prefix: string): number {
  return scope.filter((t) => t.raw.startsWith(prefix)).length;
}

/**
 * MAS's scope rules of the `authorization_grant` policy (MSC2967), with MAS's messages: each
 * scope must be allowed; at most one device scope per namespace, only together with a C-S API
 * scope; stable and unstable Matrix scopes are never mixed in one request. Like the rego, the
 * device, API and namespace rules look at the scope prefixes only.
 */
export function scopeViolations(input: ScopeRuleInput): Violation[] {
  const violations: Violation[] = [];
  for (const token of input.scope) {
    if (!tokenAllowed(token, input)) violations.push({ msg: `scope '${token.raw}' not allowed` });
  }
  for (const ns of [UNSTABLE, STABLE]) {
    if (countPrefixed(input.scope, `${ns}device:`) > 1) {
      violations.push({ msg: 'only one device scope is allowed at a time' });
    }
  }
  const devices =
    countPrefixed(input.scope, `${STABLE}device:`) +
    countPrefixed(input.scope, `${UNSTABLE}device:`);
  const apis =
    countPrefixed(input.scope, `${STABLE}api:`) + countPrefixed(input.scope, `${UNSTABLE}api:`);
  if (devices > 0 && apis === 0) {
    violations.push({
      msg: 'device scopes are only allowed when the client-server API scope is requested',
    });
  }
  if (countPrefixed(input.scope, STABLE) > 0 && countPrefixed(input.scope, UNSTABLE) > 0) {
    violations.push({ msg: 'request cannot mix unstable and stable scopes' });
  }
  return violations;
}
