import { MissingBearerToken, OAuthError } from '../core';

/** RFC 6750 §2.1 `b64token`. */
const B64TOKEN = /^[A-Za-z0-9\-._~+/]+=*$/;

/** Where a protected-resource request may carry its access token. */
export interface BearerCarriers {
  /** The `Authorization` header, if any. */
  authorization: string | undefined;
  /**
   * The `application/x-www-form-urlencoded` body of a request whose method defines one (RFC 6750
   * §2.2: never GET); undefined when there is none.
   */
  form?: Record<string, unknown>;
}

/**
 * The access token of a protected-resource request: `Authorization: Bearer <b64token>` (RFC 6750
 * §2.1, scheme case-insensitive per RFC 9110 §11.1) or the form field `access_token` (§2.2).
 * Query-string tokens (§2.3) are never read. Throws {@link MissingBearerToken} when neither
 * carries one (a header of another scheme counts as none), and `invalid_request` for a malformed
 * Bearer header, an empty or repeated field, or both methods at once (§2: clients MUST NOT use
 * more than one).
 */
export function presentedBearerToken(carriers: BearerCarriers): string {
  const fromHeader = bearerCredentials(carriers.authorization);
  const fromForm = formToken(carriers.form);
  if (fromHeader !== undefined && fromForm !== undefined) {
    throw new OAuthError(
      'invalid_request',
      'the access token must be sent in the Authorization header or the form body, not both',
    );
  }
  const token = fromHeader ?? fromForm;
  if (token === undefined) throw new MissingBearerToken();
  return token;
}

function bearerCredentials(header: string | undefined): string | undefined {
  if (header === undefined) return undefined;
  const match = /^([^\s]+)(?:[ \t]+(.*))?$/s.exec(header.trim());
  if (!match || match[1].toLowerCase() !== 'bearer') return undefined;
  const credentials = (match[2] ?? '').trim();
  if (!B64TOKEN.test(credentials)) {
    throw new OAuthError('invalid_request', 'the Bearer authorization header is malformed');
  }
  return credentials;
}

function formToken(form: Record<string, unknown> | undefined): string | undefined {
  const value = form?.access_token;
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || value === '') {
    throw new OAuthError('invalid_request', "parameter 'access_token' must be given exactly once");
  }
  return value;
}
