import type { AuthorizationParams } from '../authorization-params';
import { type CheckFailure, fail } from './check-failure';

/** Longer values are refused rather than stored (state, nonce and hints are kept per grant). */
export const MAX_PARAMETER_LENGTH = 2048;

/**
 * RFC 6749 §3.1: parameters MUST NOT be repeated; values are bounded in length.
 * Returns null when the shape is acceptable.
 */
export function checkParameterShape(params: AuthorizationParams): CheckFailure | null {
  if (params.repeated.length > 0) {
    return fail('invalid_request', `parameter '${params.repeated[0]}' must be given exactly once`);
  }
  for (const [name, value] of Object.entries(params.single)) {
    if (value.length > MAX_PARAMETER_LENGTH) {
      return fail(
        'invalid_request',
        `parameter '${name}' is longer than ${MAX_PARAMETER_LENGTH} characters`,
      );
    }
  }
  return null;
}
