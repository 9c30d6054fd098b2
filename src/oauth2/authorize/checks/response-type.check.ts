import { type AuthorizationParams, param } from '../authorization-params';
import { type CheckFailure, fail } from './check-failure';

/**
 * Only the authorization code flow is offered (RFC 9700 §2.1.2: no implicit grant), and only
 * to clients registered for the `authorization_code` grant (RFC 6749 §4.1.2.1).
 */
export function checkResponseType(
  params: AuthorizationParams,
  clientMayUseCodeGrant: boolean,
): CheckFailure | null {
  const value = param(params, 'response_type');
  if (value === undefined)
    return fail('invalid_request', 'missing required parameter response_type');
  // OAuth 2.0 Multiple Response Type Encoding Practices §2: the order of values is irrelevant.
  const types = new Set(value.split(' ').filter((t) => t !== ''));
  if (types.size !== 1 || !types.has('code')) {
    return fail(
      'unsupported_response_type',
      `response_type '${value}' is not supported; use 'code'`,
    );
  }
  if (!clientMayUseCodeGrant) {
    return fail('unauthorized_client', 'this client may not use the authorization_code grant');
  }
  return null;
}
