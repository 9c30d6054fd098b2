import { OAuthError } from '../core';

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

const FORM_MEDIA_TYPE = 'application/x-www-form-urlencoded';

/**
 * RFC 6749 §3.2 and RFC 7009 §2.1: requests are sent as `application/x-www-form-urlencoded`.
 * Any other content type (JSON, none at all) is an `invalid_request`, so a body parsed from
 * another format is never mistaken for form parameters.
 */
export function requireFormBody(contentType: string | undefined): void {
  const mediaType = contentType?.split(';', 1)[0]?.trim().toLowerCase();
  if (mediaType !== FORM_MEDIA_TYPE) {
    throw new OAuthError('invalid_request', `the request body must be ${FORM_MEDIA_TYPE}`);
  }
}
