import { type AuthorizationParams, param } from '../authorization-params';
import { type CheckFailure, fail } from './check-failure';

/**
 * Request objects and OIDC dynamic registration at the authorization endpoint are not
 * supported, each with its own error code (OIDC Core §3.1.2.6, §6).
 */
export function checkUnsupportedParameters(params: AuthorizationParams): CheckFailure | null {
  if (param(params, 'request') !== undefined) {
    return fail('request_not_supported', 'the request parameter is not supported');
  }
  if (param(params, 'request_uri') !== undefined) {
    return fail('request_uri_not_supported', 'the request_uri parameter is not supported');
  }
  if (param(params, 'registration') !== undefined) {
    return fail('registration_not_supported', 'the registration parameter is not supported');
  }
  return null;
}
