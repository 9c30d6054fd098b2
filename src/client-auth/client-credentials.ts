import { OAuthError } from '../core';
import { JWT_BEARER_ASSERTION_TYPE } from './client-auth-method';

/** What the request says about the client, before any lookup (RFC 6749 §2.3, RFC 7521 §4.2). */
export type PresentedCredentials =
  | { kind: 'basic'; clientId: string; clientSecret: string }
  | { kind: 'post'; clientId: string; clientSecret: string }
  | { kind: 'assertion'; clientId?: string; assertion: string }
  | { kind: 'none'; clientId: string };

/**
 * A form parameter as a single string. RFC 6749 §3.2: parameters MUST NOT be included more than
 * once, so an array (a repeated parameter) is refused; an empty value counts as absent.
 */
export function singleParam(body: Record<string, unknown>, name: string): string | undefined {
  const value = body[name];
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value !== 'string') {
    throw new OAuthError('invalid_request', `parameter ${name} must be given exactly once`);
  }
  return value;
}

/** `application/x-www-form-urlencoded` decoding of one Basic credential (RFC 6749 §2.3.1). */
function formDecode(value: string): string {
  try {
    return decodeURIComponent(value.replace(/\+/g, ' '));
  } catch {
    throw new OAuthError('invalid_request', 'malformed Basic credentials');
  }
}

/**
 * Parses `Authorization: Basic base64(urlencode(id) ":" urlencode(secret))` (RFC 6749 §2.3.1,
 * RFC 7617 §2). Returns undefined when there is no header; any other scheme is refused.
 */
export function parseBasicAuthorization(
  header: string | undefined,
): { clientId: string; clientSecret: string } | undefined {
  if (header === undefined || header.trim() === '') return undefined;
  const match = /^\s*basic\s+([A-Za-z0-9+/]+={0,2})\s*$/i.exec(header);
  if (!match) {
    if (/^\s*basic(\s|$)/i.test(header)) {
      throw new OAuthError('invalid_request', 'malformed Basic credentials');
    }
    throw new OAuthError('invalid_client', 'unsupported authorization scheme');
  }
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) throw new OAuthError('invalid_request', 'malformed Basic credentials');
  const clientId = formDecode(decoded.slice(0, colon));
  const clientSecret = formDecode(decoded.slice(colon + 1));
  if (clientId === '') throw new OAuthError('invalid_request', 'malformed Basic credentials');
  return { clientId, clientSecret };
}

/**
 * Works out which single authentication method the request uses. RFC 6749 §2.3: a client MUST
 * NOT use more than one method per request, so a Basic header, a `client_secret` and a
 * `client_assertion` are mutually exclusive (`invalid_request`). A form `client_id` must equal
 * the Basic one (§2.3.1); the JWT `sub` is compared to it later (RFC 7521 §4.2).
 */
export function extractCredentials(
  authorization: string | undefined,
  body: Record<string, unknown>,
): PresentedCredentials {
  const basic = parseBasicAuthorization(authorization);
  const clientId = singleParam(body, 'client_id');
  const clientSecret = singleParam(body, 'client_secret');
  const assertion = singleParam(body, 'client_assertion');
  const assertionType = singleParam(body, 'client_assertion_type');

  const usesAssertion = assertion !== undefined || assertionType !== undefined;
  const used = [basic !== undefined, clientSecret !== undefined, usesAssertion].filter(Boolean);
  if (used.length > 1) {
    throw new OAuthError('invalid_request', 'only one client authentication method may be used');
  }

  if (basic) {
    if (clientId !== undefined && clientId !== basic.clientId) {
      throw new OAuthError('invalid_request', 'client_id does not match the Basic credentials');
    }
    return { kind: 'basic', ...basic };
  }
  if (usesAssertion) {
    if (assertionType !== JWT_BEARER_ASSERTION_TYPE) {
      throw new OAuthError(
        assertionType === undefined ? 'invalid_request' : 'invalid_client',
        assertionType === undefined
          ? 'client_assertion_type is required with client_assertion'
          : 'unsupported client_assertion_type',
      );
    }
    if (assertion === undefined) {
      throw new OAuthError('invalid_request', 'client_assertion is required');
    }
    return { kind: 'assertion', clientId, assertion };
  }
  if (clientId === undefined) {
    if (clientSecret !== undefined) {
      throw new OAuthError('invalid_request', 'client_id is required with client_secret');
    }
    // RFC 6749 §5.2: "no client authentication included" is `invalid_client`.
    throw new OAuthError('invalid_client', 'client authentication is required');
  }
  if (clientSecret !== undefined) return { kind: 'post', clientId, clientSecret };
  return { kind: 'none', clientId };
}
