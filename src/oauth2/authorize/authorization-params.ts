/**
 * The parameters of an authorization request (RFC 6749 §4.1.1, OIDC Core §3.1.2.1), read from
 * the query string (GET) or the form body (POST). RFC 6749 §3.1: a parameter MUST NOT appear
 * more than once, so repeated or structured values are collected apart from the single ones.
 */
export interface AuthorizationParams {
  /** Every parameter given exactly once, as a string. */
  single: Readonly<Record<string, string>>;
  /** Names of the parameters given more than once or with a structured value. */
  repeated: readonly string[];
}

/** At most this many parameters are read; a longer request is refused as a whole. */
export const MAX_PARAMETERS = 64;

export function readAuthorizationParams(source: unknown): AuthorizationParams {
  const single: Record<string, string> = {};
  const repeated: string[] = [];
  if (typeof source === 'object' && source !== null) {
    for (const [name, value] of Object.entries(source as Record<string, unknown>).slice(
      0,
      MAX_PARAMETERS,
    )) {
      if (typeof value === 'string') single[name] = value;
      else repeated.push(name);
    }
  }
  return { single, repeated };
}

/**
 * An empty parameter is treated as absent (RFC 6749 §3.1: "parameters sent without a value
 * MUST be treated as if they were omitted").
 */
export function param(params: AuthorizationParams, name: string): string | undefined {
  const value = params.single[name];
  return value === undefined || value === '' ? undefined : value;
}
