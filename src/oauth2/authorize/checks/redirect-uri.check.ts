const LOOPBACK_HOSTS = new Set(['127.0.0.1', '[::1]', 'localhost']);

function loopbackParts(uri: string): string | null {
  let url: URL;
  try {
    url = new URL(uri);
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' || !LOOPBACK_HOSTS.has(url.hostname)) return null;
  if (url.username !== '' || url.password !== '' || url.hash !== '') return null;
  return `${url.hostname}${url.pathname}${url.search}`;
}

/**
 * True when `requested` may be used as the redirect URI of a client that registered
 * `registered`: an exact string match (RFC 9700 §4.1.3), except that for `http` loopback
 * URIs the port is ignored, because native apps bind an ephemeral port (RFC 8252 §7.3).
 */
export function redirectUriMatches(registered: string, requested: string): boolean {
  if (registered === requested) return true;
  const a = loopbackParts(registered);
  return a !== null && a === loopbackParts(requested);
}

export type RedirectUriResolution =
  | { ok: true; redirectUri: string }
  | { ok: false; reason: 'missing_redirect_uri' | 'invalid_redirect_uri' };

/**
 * The redirect URI to answer to (RFC 6749 §3.1.2.3): the requested one if it matches a
 * registered one; when none was requested, the only registered one.
 */
export function resolveRedirectUri(
  registered: readonly string[],
  requested: string | undefined,
): RedirectUriResolution {
  if (requested === undefined) {
    return registered.length === 1
      ? { ok: true, redirectUri: registered[0] }
      : { ok: false, reason: 'missing_redirect_uri' };
  }
  return registered.some((r) => redirectUriMatches(r, requested))
    ? { ok: true, redirectUri: requested }
    : { ok: false, reason: 'invalid_redirect_uri' };
}
