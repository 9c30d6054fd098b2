import type { PolicyEngine } from '../../../policy';
import { InvalidScopeSyntax, parseScope, type ScopeToken } from '../../../scopes/scope';
import { type AuthorizationParams, param } from '../authorization-params';
import { type CheckFailure, fail } from './check-failure';

export type ScopeResult = { ok: true; scope: ScopeToken[] } | { ok: false; failure: CheckFailure };

/**
 * The requested scope (RFC 6749 §3.3) and the rules of the `authorization_grant` policy that do
 * not depend on who signs in (MSC2967: known scopes, device ids, no mixed namespaces). The
 * admin scopes, requester bans and the session limit are judged at consent, once the person
 * is known. `openid` is optional: matrix-js-sdk ≥ 42 sends none.
 */
export async function checkRequestedScope(
  params: AuthorizationParams,
  clientId: string,
  policy: PolicyEngine,
): Promise<ScopeResult> {
  let scope: ScopeToken[];
  try {
    scope = parseScope(param(params, 'scope'));
  } catch (error) {
    if (error instanceof InvalidScopeSyntax) {
      return { ok: false, failure: fail('invalid_scope', error.message) };
    }
    throw error;
  }
  const { violations } = await policy.evaluateAuthorizationGrant({
    // Judged as for an administrator with no sessions from nowhere, so only the
    // person-independent rules can refuse here.
    user: { id: '', username: '', canRequestAdmin: true },
    client: { id: clientId },
    scope,
    grantType: 'authorization_code',
    requester: {},
  });
  if (violations.length > 0) {
    return { ok: false, failure: fail('invalid_scope', violations.map((v) => v.msg).join('; ')) };
  }
  return { ok: true, scope };
}
