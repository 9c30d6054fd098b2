import { isValidS256Challenge } from '../../../protocol/pkce';
import { type AuthorizationParams, param } from '../authorization-params';
import { type CheckFailure, fail } from './check-failure';

export type PkceResult =
  | { ok: true; challenge: { method: 'S256'; value: string } | null }
  | { ok: false; failure: CheckFailure };

/**
 * PKCE (RFC 7636): only `S256` is accepted (RFC 9700 §2.1.1: `plain` offers no protection
 * once the request leaks). A missing method means `plain` (RFC 7636 §4.3), so it is refused
 * too. Public clients must use PKCE (RFC 9700 §2.1.1, RFC 8252 §8.1).
 */
export function checkPkce(params: AuthorizationParams, publicClient: boolean): PkceResult {
  const challenge = param(params, 'code_challenge');
  const method = param(params, 'code_challenge_method');
  if (challenge === undefined) {
    if (method !== undefined) {
      return {
        ok: false,
        failure: fail('invalid_request', 'code_challenge_method without code_challenge'),
      };
    }
    if (publicClient) {
      return {
        ok: false,
        failure: fail(
          'invalid_request',
          'public clients must use PKCE with code_challenge_method S256',
        ),
      };
    }
    return { ok: true, challenge: null };
  }
  if (method !== 'S256') {
    return {
      ok: false,
      failure: fail(
        'invalid_request',
        `code_challenge_method must be S256 (got ${method === undefined ? 'none, meaning plain' : `'${method}'`})`,
      ),
    };
  }
  if (!isValidS256Challenge(challenge)) {
    return {
      ok: false,
      failure: fail(
        'invalid_request',
        'code_challenge must be 43 base64url characters (RFC 7636 §4.2)',
      ),
    };
  }
  return { ok: true, challenge: { method: 'S256', value: challenge } };
}
