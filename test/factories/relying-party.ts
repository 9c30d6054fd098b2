import assert from 'node:assert/strict';
import { randomBytes, randomInt } from 'node:crypto';
import { WWWAuthenticateChallengeError } from 'oauth4webapi';

/** The password of every account of the relying-party tests. */
export const RP_PASSWORD = 'correct horse battery';

/** An MSC2967 device scope with a fresh 16-character device id. */
export const deviceScope = () => `urn:matrix:client:device:${randomBytes(8).toString('hex')}`;

/** What matrix-js-sdk 37 asks for, plus `email`. */
export const oidcScope = () => `openid email urn:matrix:client:api:* ${deviceScope()}`;

/** What matrix-js-sdk 42 asks for: the stable Matrix scopes and no `openid`. */
export const matrixOnlyScope = () => `urn:matrix:client:api:* ${deviceScope()}`;

/** A loopback redirect URI on a random port other than the app's (RFC 8252 §7.3). */
export function loopbackRedirect(app: URL, path = '/callback'): string {
  let port = randomInt(20000, 60000);
  if (String(port) === app.port) port += 1;
  return `http://127.0.0.1:${port}${path}`;
}

/** `http://127.0.0.1/callback` as registered: loopback without a port. */
export const LOOPBACK_REDIRECT = 'http://127.0.0.1/callback';
export const WEB_CLIENT_URI = 'https://rp.example.org/';
export const WEB_REDIRECT = 'https://rp.example.org/callback';

/**
 * A matcher for `assert.rejects`: the error is a `kind` (oauth4webapi's classes, which
 * openid-client re-exports) with the protocol `error` code, read from the body
 * (ResponseBodyError), the callback (AuthorizationResponseError) or the Bearer challenge of
 * `WWW-Authenticate` (WWWAuthenticateChallengeError, RFC 6750 §3).
 */
export function oauthError(kind: new (...args: never[]) => Error, error: string) {
  return (err: unknown) => {
    assert.ok(err instanceof kind, `${String(err)} is a ${kind.name}`);
    const code =
      err instanceof WWWAuthenticateChallengeError
        ? err.cause.find((c) => c.scheme === 'bearer')?.parameters.error
        : (err as { error?: string }).error;
    assert.equal(code, error);
    return true;
  };
}

/** Reads a dynamically registered client back with its token (RFC 7592 §2.1). */
export async function readRegisteredClient(
  registered: Record<string, unknown>,
): Promise<Record<string, unknown>> {
  assert.equal(typeof registered.registration_client_uri, 'string');
  assert.equal(typeof registered.registration_access_token, 'string');
  const res = await fetch(registered.registration_client_uri as string, {
    headers: { authorization: `Bearer ${registered.registration_access_token as string}` },
  });
  assert.equal(res.status, 200);
  assert.match(res.headers.get('content-type') ?? '', /^application\/json/);
  return (await res.json()) as Record<string, unknown>;
}
