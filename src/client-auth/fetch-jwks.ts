import { BodyTooLarge, readCappedBody } from '../core/http/read-capped-body';
import type { JSONWebKeySet } from 'jose';

/** A `jwks_uri` could not be fetched or did not hold a JWK Set; the message is safe to log. */
export class JwksFetchError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'JwksFetchError';
  }
}

export interface FetchJwksLimits {
  /** Abort the whole exchange (connect, headers and body) after this many milliseconds. */
  timeoutMs: number;
  /** Refuse bodies larger than this many bytes. */
  maxBytes: number;
}

/** Whether `value` has the JWK Set shape of RFC 7517 §5 (an object with a `keys` array). */
export function isJwkSet(value: unknown): value is JSONWebKeySet {
  if (typeof value !== 'object' || value === null) return false;
  const keys = (value as { keys?: unknown }).keys;
  return Array.isArray(keys) && keys.every((k) => typeof k === 'object' && k !== null);
}

/**
 * Fetches a client's `jwks_uri` (RFC 7591 §2, OIDC Core §10.1.1): http(s) only, no redirects,
 * bounded in time and size, and the body must be a JWK Set (RFC 7517 §5).
 */
export async function fetchJwks(uri: string, limits: FetchJwksLimits): Promise<JSONWebKeySet> {
  let url: URL;
  try {
    url = new URL(uri);
  } catch {
    throw new JwksFetchError('jwks_uri is not a URL');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new JwksFetchError('jwks_uri must be an http(s) URL');
  }
  const signal = AbortSignal.timeout(limits.timeoutMs);
  try {
    const response = await fetch(url, {
      signal,
      redirect: 'error',
      headers: { accept: 'application/jwk-set+json, application/json' },
    });
    if (response.status !== 200) {
      await response.body?.cancel();
      throw new JwksFetchError(`jwks_uri answered HTTP ${response.status}`);
    }
    const text = await readCappedBody(response, limits.maxBytes);
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      throw new JwksFetchError('jwks_uri did not return JSON');
    }
    if (!isJwkSet(parsed)) throw new JwksFetchError('jwks_uri did not return a JWK Set');
    return parsed;
  } catch (cause) {
    if (cause instanceof JwksFetchError) throw cause;
    if (cause instanceof BodyTooLarge) throw new JwksFetchError(cause.message);
    if (signal.aborted) {
      throw new JwksFetchError(`jwks_uri did not answer within ${limits.timeoutMs} ms`, { cause });
    }
    throw new JwksFetchError('jwks_uri could not be fetched', { cause });
  }
}
