/** RFC 6749 §4.1.2 and OAuth 2.0 Multiple Response Type Encoding Practices §2, Form Post §2. */
export const RESPONSE_MODES = ['query', 'fragment', 'form_post'] as const;
export type ResponseMode = (typeof RESPONSE_MODES)[number];

export function isResponseMode(value: string): value is ResponseMode {
  return (RESPONSE_MODES as readonly string[]).includes(value);
}

/** Where and how an authorization response goes: a verified redirect URI, its mode, `state`. */
export interface ResponseTarget {
  redirectUri: string;
  responseMode: ResponseMode;
  state: string | null;
}

/** What the browser is sent: a redirect to the client, or a self-posting form (`form_post`). */
export type AuthorizationResponse =
  | { kind: 'redirect'; url: string }
  | { kind: 'form_post'; action: string; fields: [string, string][] };

/**
 * RFC 6749 §4.1.2.1: `error_description` is limited to %x20-21 / %x23-5B / %x5D-7E, so
 * quotes, backslashes and anything outside printable ASCII are replaced.
 */
export function toErrorDescription(text: string): string {
  return text.replace(/[^\x20\x21\x23-\x5B\x5D-\x7E]/g, '?').slice(0, 500);
}

/**
 * Builds the authorization response: `params` plus `state` (RFC 6749 §4.1.2) and `iss`
 * (RFC 9207 §2, on successes and errors alike), encoded as the response mode says. The query
 * of a redirect URI is kept (RFC 6749 §3.1.2); our parameters replace same-named ones.
 */
export function buildAuthorizationResponse(
  target: ResponseTarget,
  params: Record<string, string>,
  issuer: string,
): AuthorizationResponse {
  const fields: [string, string][] = Object.entries(params);
  if (target.state !== null) fields.push(['state', target.state]);
  fields.push(['iss', issuer]);
  switch (target.responseMode) {
    case 'query': {
      const url = new URL(target.redirectUri);
      for (const [name, value] of fields) url.searchParams.set(name, value);
      return { kind: 'redirect', url: url.toString() };
    }
    case 'fragment': {
      const url = new URL(target.redirectUri);
      url.hash = new URLSearchParams(fields).toString();
      return { kind: 'redirect', url: url.toString() };
    }
    case 'form_post':
      return { kind: 'form_post', action: target.redirectUri, fields };
  }
}
