import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import * as client from 'openid-client';
import { UserAccounts } from '../../src/users/user-accounts.service';
import { FormPerson, type PersonAnswers } from '../factories/form-person';
import {
  LOOPBACK_REDIRECT,
  loopbackRedirect,
  matrixOnlyScope,
  oauthError,
  oidcScope,
  readRegisteredClient,
  RP_PASSWORD,
  WEB_CLIENT_URI,
  WEB_REDIRECT,
} from '../factories/relying-party';
import { createBrowserTestApp, type BrowserTestApp } from '../setup/browser-test-app';

/**
 * openid-client 6 (an OpenID Certified relying-party library) against the app on a real
 * loopback socket. The library does every protocol step with its production checks, plus
 * `enableNonRepudiationChecks` so it also verifies ID token signatures against the JWKS;
 * `allowInsecureRequests` only because the test server is plain http.
 */

const ALICE: PersonAnswers = { username: 'alice', password: RP_PASSWORD };
const BOB: PersonAnswers = { username: 'bob', password: RP_PASSWORD };
const ALICE_EMAIL = 'alice@example.org';
const OPTIONS = { execute: [client.allowInsecureRequests, client.enableNonRepudiationChecks] };
const GRANTS = { grant_types: ['authorization_code', 'refresh_token'], response_types: ['code'] };

/** openid-client's own check failed (not a server error): its message or its cause's. */
function clientError(message: RegExp) {
  return (err: unknown) => {
    assert.ok(err instanceof client.ClientError, `${String(err)} is a ClientError`);
    assert.match(err.cause instanceof Error ? err.cause.message : err.message, message);
    return true;
  };
}

describe('openid-client 6 as a relying party', () => {
  let t: BrowserTestApp;
  let issuer: URL;
  let native: client.Configuration;
  let web: client.Configuration;
  /** The registered loopback redirect with a port nothing listens on. */
  let nativeRedirect: string;

  before(async () => {
    t = await createBrowserTestApp();
    issuer = new URL(t.baseUrl);
    nativeRedirect = loopbackRedirect(issuer);
    const accounts = t.running.app.get(UserAccounts);
    await accounts.register({ username: 'alice', password: RP_PASSWORD, emails: [ALICE_EMAIL] });
    await accounts.register({ username: 'bob', password: RP_PASSWORD });
    native = await client.dynamicClientRegistration(
      issuer,
      {
        client_name: 'openid-client native',
        client_uri: WEB_CLIENT_URI,
        application_type: 'native',
        redirect_uris: [LOOPBACK_REDIRECT],
        token_endpoint_auth_method: 'none',
        ...GRANTS,
      },
      client.None(),
      OPTIONS,
    );
    // No ClientAuth given: the library uses client_secret_post with the issued secret.
    web = await client.dynamicClientRegistration(
      issuer,
      {
        client_name: 'openid-client web',
        client_uri: WEB_CLIENT_URI,
        redirect_uris: [WEB_REDIRECT],
        token_endpoint_auth_method: 'client_secret_post',
        ...GRANTS,
      },
      undefined,
      OPTIONS,
    );
  });
  after(async () => {
    await t.close();
  });

  /** A request built by the library with PKCE S256, state and (with `openid`) a nonce. */
  async function request(
    config: client.Configuration,
    redirectUri: string,
    scope: string,
    extra: Record<string, string> = {},
  ) {
    const verifier = client.randomPKCECodeVerifier();
    const state = client.randomState();
    const nonce = scope.split(' ').includes('openid') ? client.randomNonce() : undefined;
    const url = client.buildAuthorizationUrl(config, {
      redirect_uri: redirectUri,
      scope,
      state,
      code_challenge: await client.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
      ...(nonce && { nonce }),
      ...extra,
    });
    const maxAge = extra.max_age === undefined ? undefined : Number(extra.max_age);
    const checks = {
      pkceCodeVerifier: verifier,
      expectedState: state,
      expectedNonce: nonce,
      maxAge,
    };
    return { url, checks };
  }

  /** The person signs in (if needed) and consents; the library exchanges the code. */
  async function signInAndExchange(
    config: client.Configuration,
    person: FormPerson,
    answers: PersonAnswers,
    redirectUri: string,
    extra: Record<string, string> = {},
  ) {
    const { url, checks } = await request(config, redirectUri, oidcScope(), extra);
    const callback = await person.authorize(url, answers);
    assert.equal(`${callback.origin}${callback.pathname}`, redirectUri);
    return client.authorizationCodeGrant(config, callback, { ...checks, idTokenExpected: true });
  }

  it('should discover the issuer with the metadata the library needs', async () => {
    const config = await client.discovery(issuer, 'any', undefined, client.None(), OPTIONS);
    const metadata = config.serverMetadata();
    assert.equal(metadata.issuer, t.baseUrl);
    assert.ok(metadata.supportsPKCE('S256'));
    assert.equal(metadata.authorization_response_iss_parameter_supported, true);
    assert.equal(metadata.registration_endpoint, t.url('/oauth2/registration'));
  });

  it('should take a native public client through code, ID token, userinfo, refresh and revocation', async () => {
    const person = new FormPerson(t.baseUrl);
    const first = await signInAndExchange(native, person, ALICE, nativeRedirect);
    const claims = first.claims();
    assert.ok(claims, 'an ID token was validated');
    assert.equal(claims.iss, t.baseUrl);
    assert.equal(claims.aud, native.clientMetadata().client_id);
    assert.equal(claims.email, ALICE_EMAIL);
    assert.equal(claims.preferred_username, 'alice');
    // OIDC Core §3.1.3.6 (the library does not check at_hash in the code flow).
    const digest = createHash('sha256').update(first.access_token).digest();
    assert.equal(claims.at_hash, digest.subarray(0, 16).toString('base64url'));

    const userinfo = await client.fetchUserInfo(native, first.access_token, claims.sub);
    assert.equal(userinfo.sub, claims.sub);
    assert.equal(userinfo.email, ALICE_EMAIL);
    assert.equal(userinfo.email_verified, true);

    // Rotation: every refresh gives a new refresh token and revokes the previous access token.
    const r0 = first.refresh_token ?? '';
    const second = await client.refreshTokenGrant(native, r0);
    assert.ok(second.refresh_token && second.refresh_token !== r0);
    await assert.rejects(
      client.fetchUserInfo(native, first.access_token, claims.sub),
      oauthError(client.WWWAuthenticateChallengeError, 'invalid_token'),
    );
    const again = await client.fetchUserInfo(native, second.access_token, claims.sub);
    assert.equal(again.sub, claims.sub);
    // Once its successor has been used, the first refresh token is a replay: refused, and the
    // session ends (while the successor is unused, it would recover a lost response instead).
    const third = await client.refreshTokenGrant(native, second.refresh_token);
    await assert.rejects(
      client.refreshTokenGrant(native, r0),
      oauthError(client.ResponseBodyError, 'invalid_grant'),
    );
    await assert.rejects(
      client.refreshTokenGrant(native, third.refresh_token ?? ''),
      oauthError(client.ResponseBodyError, 'invalid_grant'),
    );

    // Revocation (RFC 7009) on a new session; the browser is still signed in.
    assert.ok(person.signedIn);
    const fresh = await signInAndExchange(native, person, ALICE, nativeRedirect);
    assert.equal(fresh.claims()?.sub, claims.sub);
    await client.tokenRevocation(native, fresh.refresh_token ?? '', {
      token_type_hint: 'refresh_token',
    });
    await assert.rejects(
      client.fetchUserInfo(native, fresh.access_token, claims.sub),
      oauthError(client.WWWAuthenticateChallengeError, 'invalid_token'),
    );
    await assert.rejects(
      client.refreshTokenGrant(native, fresh.refresh_token ?? ''),
      oauthError(client.ResponseBodyError, 'invalid_grant'),
    );
  });

  it('should take a confidential web client (client_secret_post) through the same journey', async () => {
    const person = new FormPerson(t.baseUrl);
    // max_age makes the library require and check auth_time (OIDC Core §3.1.2.1).
    const first = await signInAndExchange(web, person, BOB, WEB_REDIRECT, { max_age: '300' });
    const claims = first.claims();
    assert.ok(claims);
    assert.equal(claims.aud, web.clientMetadata().client_id);
    assert.equal(typeof claims.auth_time, 'number');
    assert.equal(claims.email, undefined, 'bob has no address');
    const userinfo = await client.fetchUserInfo(web, first.access_token, claims.sub);
    assert.deepEqual(
      { sub: userinfo.sub, preferred_username: userinfo.preferred_username },
      { sub: claims.sub, preferred_username: 'bob' },
    );
    await assert.rejects(
      client.fetchUserInfo(web, first.access_token, 'someone-else'),
      clientError(/"sub"/),
      'the library compares sub with the ID token',
    );

    const second = await client.refreshTokenGrant(web, first.refresh_token ?? '');
    assert.ok(second.refresh_token && second.refresh_token !== first.refresh_token);
    await client.refreshTokenGrant(web, second.refresh_token);
    await assert.rejects(
      client.refreshTokenGrant(web, first.refresh_token ?? ''),
      oauthError(client.ResponseBodyError, 'invalid_grant'),
    );

    const fresh = await signInAndExchange(web, person, BOB, WEB_REDIRECT);
    await client.tokenRevocation(web, fresh.access_token, { token_type_hint: 'access_token' });
    await assert.rejects(
      client.fetchUserInfo(web, fresh.access_token, claims.sub),
      oauthError(client.WWWAuthenticateChallengeError, 'invalid_token'),
    );
    await assert.rejects(
      client.refreshTokenGrant(web, fresh.refresh_token ?? ''),
      oauthError(client.ResponseBodyError, 'invalid_grant'),
    );
  });

  it('should serve matrix-js-sdk-42-style stable scopes without openid in the fragment', async () => {
    const scope = matrixOnlyScope();
    const { url, checks } = await request(native, nativeRedirect, scope, {
      response_mode: 'fragment',
    });
    const callback = await new FormPerson(t.baseUrl).authorize(url, ALICE);
    assert.equal(callback.search, '');
    assert.ok(callback.hash.length > 1, 'the response is in the fragment');
    // The library reads a code response from the query: the RP moves the fragment there.
    const asQuery = new URL(nativeRedirect);
    asQuery.search = callback.hash.slice(1);
    const tokens = await client.authorizationCodeGrant(native, asQuery, checks);
    assert.equal(tokens.id_token, undefined);
    assert.deepEqual(tokens.scope?.split(' ').sort(), scope.split(' ').sort());
    await assert.rejects(
      client.fetchUserInfo(native, tokens.access_token, client.skipSubjectCheck),
      oauthError(client.WWWAuthenticateChallengeError, 'insufficient_scope'),
    );
    const refreshed = await client.refreshTokenGrant(native, tokens.refresh_token ?? '');
    assert.ok(refreshed.refresh_token && refreshed.refresh_token !== tokens.refresh_token);
  });

  it('should take the response as a form post (response_mode=form_post) from a Request', async () => {
    const { url, checks } = await request(web, WEB_REDIRECT, oidcScope(), {
      response_mode: 'form_post',
    });
    const response = await new FormPerson(t.baseUrl).respond(url, BOB);
    assert.ok(response instanceof Request, 'the browser posts the response');
    assert.equal(response.url, WEB_REDIRECT);
    const tokens = await client.authorizationCodeGrant(web, response, checks);
    assert.equal(tokens.claims()?.preferred_username, 'bob');
  });

  it('should make the library reject a callback whose state or iss was tampered with', async () => {
    const { url, checks } = await request(web, WEB_REDIRECT, oidcScope());
    const callback = await new FormPerson(t.baseUrl).authorize(url, BOB);
    const tampered = (name: string, value: string | null) => {
      const copy = new URL(callback);
      if (value === null) copy.searchParams.delete(name);
      else copy.searchParams.set(name, value);
      return copy;
    };
    await assert.rejects(
      client.authorizationCodeGrant(web, tampered('state', client.randomState()), checks),
      clientError(/unexpected "state"/),
    );
    await assert.rejects(
      client.authorizationCodeGrant(web, tampered('iss', 'https://evil.example/'), checks),
      clientError(/unexpected "iss"/),
    );
    await assert.rejects(
      client.authorizationCodeGrant(web, tampered('iss', null), checks),
      clientError(/"iss" \(issuer\) missing/),
    );
    // The library stopped before the token request: the genuine code is still unused.
    const tokens = await client.authorizationCodeGrant(web, callback, checks);
    assert.ok(tokens.claims());
  });

  it('should make the library reject an ID token whose signature does not verify', async () => {
    const meta = web.clientMetadata();
    const forged = new client.Configuration(web.serverMetadata(), meta.client_id, meta);
    for (const extension of OPTIONS.execute) extension(forged);
    // Re-encodes the ID token's payload with another name, keeping the original signature.
    forged[client.customFetch] = async (url, options) => {
      const res = await fetch(url, options);
      if (new URL(url).pathname !== '/oauth2/token' || res.status !== 200) return res;
      const body = (await res.json()) as Record<string, string>;
      const [header, payload, signature] = body.id_token.split('.');
      const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as object;
      const changed = { ...claims, preferred_username: 'mallory' };
      const forgedPayload = Buffer.from(JSON.stringify(changed)).toString('base64url');
      body.id_token = `${header}.${forgedPayload}.${signature}`;
      return Response.json(body, { headers: { 'cache-control': 'no-store' } });
    };
    const { url, checks } = await request(forged, WEB_REDIRECT, oidcScope());
    const callback = await new FormPerson(t.baseUrl).authorize(url, BOB);
    await assert.rejects(
      client.authorizationCodeGrant(forged, callback, checks),
      clientError(/signature/),
    );
  });

  it('should surface login_required from prompt=none without a session as an error', async () => {
    const { url, checks } = await request(native, nativeRedirect, oidcScope(), { prompt: 'none' });
    const person = new FormPerson(t.baseUrl);
    const callback = await person.authorize(url, ALICE);
    assert.equal(person.signedIn, false, 'no page was shown');
    await assert.rejects(
      client.authorizationCodeGrant(native, callback, checks),
      oauthError(client.AuthorizationResponseError, 'login_required'),
    );
  });

  it('should read each registered client back with its registration access token (RFC 7592)', async () => {
    for (const config of [native, web]) {
      const metadata = config.clientMetadata();
      const body = await readRegisteredClient(metadata);
      assert.equal(body.client_id, metadata.client_id);
      assert.deepEqual(body.redirect_uris, metadata.redirect_uris);
      assert.equal(body.token_endpoint_auth_method, metadata.token_endpoint_auth_method);
      assert.equal(body.client_secret, metadata.client_secret);
    }
  });
});
