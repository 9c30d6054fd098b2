import { OAuthError } from '../core';
import { optionalParam } from '../protocol/form-params';
import { InvalidScopeSyntax, parseScope, type ScopeToken } from '../scopes/scope';

/**
 * The optional `scope` form parameter of a token or device authorization request (RFC 6749
 * §3.3; empty when absent); bad syntax is `invalid_scope`.
 */
export function requestedScope(body: Record<string, unknown>): ScopeToken[] {
  try {
    return parseScope(optionalParam(body, 'scope'));
  } catch (error) {
    if (error instanceof InvalidScopeSyntax) throw new OAuthError('invalid_scope', error.message);
    throw error;
  }
}
