import { scopeViolations } from '../../../policy/authorization-grant/scope.rules';
import { InvalidScopeSyntax, parseScope, type ScopeToken } from '../../../scopes/scope';
import { type AuthorizationParams, param } from '../authorization-params';
import { type CheckFailure, fail } from './check-failure';

export type ScopeResult = { ok: true; scope: ScopeToken[] } | { ok: false; failure: CheckFailure };

/**
 * The requested scope (RFC 6749 §3.3) and the rules of the `authorization_grant` policy that do
 * not depend on who signs in (MSC2967: known scopes, device ids, no mixed namespaces). The
 * admin scopes are judged at consent, once the person is known. `openid` is optional:
 * matrix-js-sdk ≥ 42 sends none.
 */
export function checkRequestedScope(params: AuthorizationParams, clientId: string): ScopeResult {
  let scope: ScopeToken[];
  try {
    scope = parseScope(param(params, 'scope'));
  } catch (error) {
    if (error instanceof InvalidScopeSyntax) {
      return { ok: false, failure: fail('invalid_scope', error.message) };
    }
    throw error;
  }
  const violations = scopeViolations({
    scope,
    grantType: 'authorization_code',
    clientId,
    // Judged as for an administrator, so only person-independent rules can refuse here.
    user: { username: '', canRequestAdmin: true },
    adminUsers: [],
    adminClients: [],
  });
  if (violations.length > 0) {
    return { ok: false, failure: fail('invalid_scope', violations.map((v) => v.msg).join('; ')) };
  }
  return { ok: true, scope };
}
