import { type AuthorizationParams, param } from '../authorization-params';
import { isResponseMode, type ResponseMode } from '../authorization-response';
import { type CheckFailure, fail } from './check-failure';

export type ResponseModeResult =
  { ok: true; responseMode: ResponseMode } | { ok: false; failure: CheckFailure };

/**
 * The response mode: `query` by default for the code flow (OAuth 2.0 Multiple Response Type
 * Encoding Practices §2.1), or `fragment` / `form_post` when asked.
 */
export function checkResponseMode(params: AuthorizationParams): ResponseModeResult {
  const value = param(params, 'response_mode');
  if (value === undefined) return { ok: true, responseMode: 'query' };
  if (isResponseMode(value)) return { ok: true, responseMode: value };
  return {
    ok: false,
    failure: fail('invalid_request', `response_mode '${value}' is not supported`),
  };
}
