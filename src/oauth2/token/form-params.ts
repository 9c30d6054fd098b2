import { OAuthError } from '../../core';

/**
 * Reads a single string parameter of a form body. RFC 6749 §3.2: parameters MUST NOT appear
 * more than once, so repeated or structured values are an `invalid_request`.
 */
export function optionalParam(body: Record<string, unknown>, name: string): string | undefined {
  const value = body[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'string') {
    throw new OAuthError('invalid_request', `parameter '${name}' must be given exactly once`);
  }
  return value;
}

export function requiredParam(body: Record<string, unknown>, name: string): string {
  const value = optionalParam(body, name);
  if (value === undefined || value === '') {
    throw new OAuthError('invalid_request', `missing required parameter '${name}'`);
  }
  return value;
}
