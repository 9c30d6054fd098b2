import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import * as oauth from 'oauth4webapi';
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
 * oauth4webapi 3 (the OpenID Certified core of openid-client) against the app on a real
 * loopback socket. Every request and response goes through the library's own functions and
 * checks, and ID token signatures through `validateApplicationLevelSignature`;
 * `allowInsecureRequests` only because the test server is plain http.
 */

const ALICE: PersonAnswers = { username: 'alice', password: RP_PASSWORD };
const BOB: PersonAnswers = { username: 'bob', password: RP_PASSWORD };
const ALICE_EMAIL = 'alice@example.org';
const INSECURE = { [oauth.allowInsecureRequests]: true } as const;
const GRANTS = { grant_types: ['authorization_code', 'refresh_token'], response_types: ['code'] };

/** A registered client as the library uses it: its metadata and how it authenticates. */
interface RelyingParty {
  client: oauth.Client;
  auth: oauth.ClientAuth;
}

/** What an authorization request must be checked against when its response comes back. */
interface Pending {
  url: URL;
  redirectUri: string;
  verifier: string;
  state: string;
  nonce?: string;
  maxAge?: number;
}

/** oauth4webapi's own check failed (not a server error), with this message. */
function processingError(message: RegExp) {
  return (err: unknown) => {
    assert.ok(
      err instanceof oauth.OperationProcessingError,
      `${String(err)} is a processing error`,
    );
    assert.match(err.message, message);
    return true;
  };
}

describe('oauth4webapi 3 as a relying party', () => {
  let t: BrowserTestApp;
  let issuer: URL;
  let as: oauth.AuthorizationServer;
  let native: RelyingParty;
  let web: RelyingParty;
  /** The registered loopback redirect with a port nothing listens on. */
  let nativeRedirect: string;

  async function register(metadata: Partial<oauth.Client>): Promise<oauth.Client> {
    const res = await oauth.dynamicClientRegistrationRequest(as, metadata, INSECURE);
    return oauth.processDynamicClientRegistrationResponse(res);
  }

  before(async () => {
    t = await createBrowserTestApp();
    issuer = new URL(t.baseUrl);
    nativeRedirect = loopbackRedirect(issuer);
    const accounts = t.running.app.get(UserAccounts);
    await accounts.register({ username: 'alice', password: RP_PASSWORD, emails: [ALICE_EMAIL] });
    await accounts.register({ username: 'bob', password: RP_PASSWORD });
    const discovered = await oauth.discoveryRequest(issuer, { algorithm: 'oidc', ...INSECURE });
    as = await oauth.processDiscoveryResponse(issuer, discovered);
    const nativeClient = await register({
      client_name: 'oauth4webapi native',
      client_uri: WEB_CLIENT_URI,
      application_type: 'native',
      redirect_uris: [LOOPBACK_REDIRECT],
      token_endpoint_auth_method: 'none',
      ...GRANTS,
    });
    native = { client: nativeClient, auth: oauth.None() };
    const webClient = await register({
      client_name: 'oauth4webapi web',
      client_uri: WEB_CLIENT_URI,
      redirect_uris: [WEB_REDIRECT],
      token_endpoint_auth_method: 'client_secret_basic',
      ...GRANTS,
    });
    assert.equal(typeof webClient.client_secret, 'string');
    web = { client: webClient, auth: oauth.ClientSecretBasic(webClient.client_secret as string) };
  });
  after(async () => {
    await t.close();
  });

  /**
   * An authorization request with the library's PKCE S256, state and (with `openid`) nonce, on
   * the discovered `authorization_endpoint` (oauth4webapi has no URL builder of its own).
   */
  async function request(
    rp: RelyingParty,
    redirectUri: string,
    scope: string,
    extra: Record<string, string> = {},
  ): Promise<Pending> {
    const verifier = oauth.generateRandomCodeVerifier();
    const state = oauth.generateRandomState();
    const nonce = scope.split(' ').includes('openid') ? oauth.generateRandomNonce() : undefined;
    const url = new URL(as.authorization_endpoint ?? '');
    const params = {
      client_id: rp.client.client_id,
      redirect_uri: redirectUri,
      response_type: 'code',
      scope,
      state,
      code_challenge: await oauth.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
      ...(nonce && { nonce }),
      ...extra,
    };
    for (const [name, value] of Object.entries(params)) url.searchParams.set(name, value);
    const maxAge = extra.max_age === undefined ? undefined : Number(extra.max_age);
    return { url, redirectUri, verifier, state, nonce, maxAge };
  }

  /** Validates the callback (state, RFC 9207 iss), redeems the code, validates the ID token. */
  async function exchange(rp: RelyingParty, pending: Pending, callback: URLSearchParams) {
    const params = oauth.validateAuthResponse(as, rp.client, callback, pending.state);
    const response = await oauth.authorizationCodeGrantRequest(
      as,
      rp.client,
      rp.auth,
      params,
      pending.redirectUri,
      pending.verifier,
      INSECURE,
    );
    const result = await oauth.processAuthorizationCodeResponse(as, rp.client, response, {
      expectedNonce: pending.nonce,
      maxAge: pending.maxAge,
      requireIdToken: pending.nonce !== undefined,
    });
    if (result.id_token) await oauth.validateApplicationLevelSignature(as, response, INSECURE);
    return result;
  }

  /** The person signs in (if needed) and consents; the library takes the code to tokens. */
  async function signInAndExchange(
    rp: RelyingParty,
    person: FormPerson,
    answers: PersonAnswers,
    redirectUri: string,
    extra: Record<string, string> = {},
  ) {
    const pending = await request(rp, redirectUri, oidcScope(), extra);
    const callback = await person.authorize(pending.url, answers);
    assert.equal(`${callback.origin}${callback.pathname}`, redirectUri);
    const tokens = await exchange(rp, pending, callback.searchParams);
    const claims = oauth.getValidatedIdTokenClaims(tokens);
    assert.ok(claims, 'an ID token was validated');
    return { tokens, claims };
  }

  async function userinfo(rp: RelyingParty, accessToken: string, sub: string | symbol) {
    const res = await oauth.userInfoRequest(as, rp.client, accessToken, INSECURE);
    const expected = typeof sub === 'string' ? sub : oauth.skipSubjectCheck;
    return oauth.processUserInfoResponse(as, rp.client, expected, res);
  }

  async function refresh(rp: RelyingParty, refreshToken: string | undefined) {
    const res = await oauth.refreshTokenGrantRequest(
      as,
      rp.client,
      rp.auth,
      refreshToken ?? '',
      INSECURE,
    );
    return oauth.processRefreshTokenResponse(as, rp.client, res);
  }

  async function revoke(rp: RelyingParty, token: string, hint: string) {
    const res = await oauth.revocationRequest(as, rp.client, rp.auth, token, {
      additionalParameters: { token_type_hint: hint },
      ...INSECURE,
    });
    await oauth.processRevocationResponse(res);
  }

  it('should discover the issuer, and the library should refuse it under another name', async () => {
    assert.equal(as.issuer, t.baseUrl);
    assert.deepEqual(as.code_challenge_methods_supported, ['S256']);
    assert.equal(as.authorization_response_iss_parameter_supported, true);
    const alias = new URL(`http://localhost:${issuer.port}/`);
    const res = await oauth.discoveryRequest(alias, { algorithm: 'oidc', ...INSECURE });
    await assert.rejects(
      oauth.processDiscoveryResponse(alias, res),
      processingError(/"issuer" property does not match/),
    );
  });

  it('should take a native public client through code, ID token, userinfo, refresh and revocation', async () => {
    const person = new FormPerson(t.baseUrl);
    const { tokens, claims } = await signInAndExchange(native, person, ALICE, nativeRedirect);
    assert.equal(claims.iss, t.baseUrl);
    assert.equal(claims.aud, native.client.client_id);
    assert.equal(claims.email, ALICE_EMAIL);
    const info = await userinfo(native, tokens.access_token, claims.sub);
    assert.equal(info.sub, claims.sub);
    assert.equal(info.email, ALICE_EMAIL);
    assert.equal(info.preferred_username, 'alice');

    const second = await refresh(native, tokens.refresh_token);
    assert.ok(second.refresh_token && second.refresh_token !== tokens.refresh_token);
    assert.notEqual(second.access_token, tokens.access_token);
    assert.equal((await userinfo(native, second.access_token, claims.sub)).sub, claims.sub);
    // Once its successor has been used, the first refresh token is a replay: refused.
    await refresh(native, second.refresh_token);
    await assert.rejects(
      refresh(native, tokens.refresh_token),
      oauthError(oauth.ResponseBodyError, 'invalid_grant'),
    );

    const fresh = await signInAndExchange(native, person, ALICE, nativeRedirect);
    await revoke(native, fresh.tokens.access_token, 'access_token');
    await assert.rejects(
      userinfo(native, fresh.tokens.access_token, claims.sub),
      oauthError(oauth.WWWAuthenticateChallengeError, 'invalid_token'),
    );
    await assert.rejects(
      refresh(native, fresh.tokens.refresh_token),
      oauthError(oauth.ResponseBodyError, 'invalid_grant'),
    );
  });

  it('should take a confidential web client (client_secret_basic) through the same journey', async () => {
    const person = new FormPerson(t.baseUrl);
    const { tokens, claims } = await signInAndExchange(web, person, BOB, WEB_REDIRECT, {
      max_age: '300',
    });
    assert.equal(claims.aud, web.client.client_id);
    assert.equal(typeof claims.auth_time, 'number', 'max_age makes the library check auth_time');
    assert.equal(claims.email, undefined);
    assert.equal((await userinfo(web, tokens.access_token, claims.sub)).preferred_username, 'bob');

    const second = await refresh(web, tokens.refresh_token);
    assert.ok(second.refresh_token && second.refresh_token !== tokens.refresh_token);
    await refresh(web, second.refresh_token);
    await assert.rejects(
      refresh(web, tokens.refresh_token),
      oauthError(oauth.ResponseBodyError, 'invalid_grant'),
    );

    const fresh = await signInAndExchange(web, person, BOB, WEB_REDIRECT);
    await revoke(web, fresh.tokens.refresh_token ?? '', 'refresh_token');
    await assert.rejects(
      userinfo(web, fresh.tokens.access_token, claims.sub),
      oauthError(oauth.WWWAuthenticateChallengeError, 'invalid_token'),
    );
    await assert.rejects(
      refresh(web, fresh.tokens.refresh_token),
      oauthError(oauth.ResponseBodyError, 'invalid_grant'),
    );
    // RFC 6749 §5.2: a failed Basic authentication is a 401 with a Basic challenge.
    const denied = await refresh(
      { ...web, auth: oauth.ClientSecretBasic('wrong') },
      tokens.refresh_token,
    ).then(
      () => assert.fail('a wrong secret was accepted'),
      (err: unknown) => err,
    );
    assert.ok(denied instanceof oauth.WWWAuthenticateChallengeError);
    assert.equal(denied.status, 401);
    assert.equal(denied.cause[0]?.scheme, 'basic');
    assert.equal(((await denied.response.json()) as { error: string }).error, 'invalid_client');
  });

  it('should serve matrix-js-sdk-42-style stable scopes without openid in the fragment', async () => {
    const scope = matrixOnlyScope();
    const pending = await request(native, nativeRedirect, scope, { response_mode: 'fragment' });
    const callback = await new FormPerson(t.baseUrl).authorize(pending.url, ALICE);
    assert.equal(callback.search, '');
    const tokens = await exchange(native, pending, new URLSearchParams(callback.hash.slice(1)));
    assert.equal(tokens.id_token, undefined);
    assert.deepEqual(tokens.scope?.split(' ').sort(), scope.split(' ').sort());
    await assert.rejects(
      userinfo(native, tokens.access_token, oauth.skipSubjectCheck),
      oauthError(oauth.WWWAuthenticateChallengeError, 'insufficient_scope'),
    );
    const refreshed = await refresh(native, tokens.refresh_token);
    assert.deepEqual(refreshed.scope?.split(' ').sort(), scope.split(' ').sort());
  });

  it('should take the response as a form post (response_mode=form_post)', async () => {
    const pending = await request(web, WEB_REDIRECT, oidcScope(), { response_mode: 'form_post' });
    const response = await new FormPerson(t.baseUrl).respond(pending.url, BOB);
    assert.ok(response instanceof Request, 'the browser posts the response');
    assert.equal(response.url, WEB_REDIRECT);
    const tokens = await exchange(web, pending, new URLSearchParams(await response.text()));
    assert.equal(oauth.getValidatedIdTokenClaims(tokens)?.preferred_username, 'bob');
  });

  it('should make the library reject a callback whose state or iss was tampered with', async () => {
    const pending = await request(web, WEB_REDIRECT, oidcScope());
    const callback = await new FormPerson(t.baseUrl).authorize(pending.url, BOB);
    const tampered = (name: string, value: string | null) => {
      const copy = new URLSearchParams(callback.searchParams);
      if (value === null) copy.delete(name);
      else copy.set(name, value);
      return copy;
    };
    for (const [params, message] of [
      [tampered('state', oauth.generateRandomState()), /unexpected "state"/],
      [tampered('state', null), /"state" missing/],
      [tampered('iss', 'https://evil.example/'), /unexpected "iss"/],
      [tampered('iss', null), /"iss" \(issuer\) missing/],
    ] as const) {
      assert.throws(
        () => oauth.validateAuthResponse(as, web.client, params, pending.state),
        processingError(message),
      );
    }
    const tokens = await exchange(web, pending, callback.searchParams);
    assert.ok(oauth.getValidatedIdTokenClaims(tokens));
  });

  it('should surface login_required from prompt=none without a session as an error', async () => {
    const pending = await request(native, nativeRedirect, oidcScope(), { prompt: 'none' });
    const person = new FormPerson(t.baseUrl);
    const callback = await person.authorize(pending.url, ALICE);
    assert.equal(person.signedIn, false, 'no page was shown');
    assert.throws(
      () => oauth.validateAuthResponse(as, native.client, callback.searchParams, pending.state),
      oauthError(oauth.AuthorizationResponseError, 'login_required'),
    );
  });

  it('should surface access_denied when the person refuses consent', async () => {
    const pending = await request(web, WEB_REDIRECT, oidcScope());
    const callback = await new FormPerson(t.baseUrl).authorize(pending.url, {
      ...BOB,
      consent: 'deny',
    });
    assert.throws(
      () => oauth.validateAuthResponse(as, web.client, callback.searchParams, pending.state),
      oauthError(oauth.AuthorizationResponseError, 'access_denied'),
    );
  });

  it('should validate ES256 ID tokens and ES384-signed userinfo responses (OIDC Core §5.3.2)', async () => {
    const client = await register({
      client_name: 'oauth4webapi signed',
      client_uri: WEB_CLIENT_URI,
      redirect_uris: [WEB_REDIRECT],
      token_endpoint_auth_method: 'client_secret_post',
      id_token_signed_response_alg: 'ES256',
      userinfo_signed_response_alg: 'ES384',
      ...GRANTS,
    });
    const rp = { client, auth: oauth.ClientSecretPost(client.client_secret as string) };
    const { tokens, claims } = await signInAndExchange(
      rp,
      new FormPerson(t.baseUrl),
      ALICE,
      WEB_REDIRECT,
    );
    const header = JSON.parse(
      Buffer.from(tokens.id_token?.split('.')[0] ?? '', 'base64url').toString(),
    );
    assert.equal(header.alg, 'ES256');
    const digest = createHash('sha256').update(tokens.access_token).digest();
    assert.equal(claims.at_hash, digest.subarray(0, 16).toString('base64url'));

    const res = await oauth.userInfoRequest(as, rp.client, tokens.access_token, INSECURE);
    assert.equal(res.headers.get('content-type'), 'application/jwt');
    const info = await oauth.processUserInfoResponse(as, rp.client, claims.sub, res);
    await oauth.validateApplicationLevelSignature(as, res, INSECURE);
    assert.equal(info.email, ALICE_EMAIL);
  });

  it('should read each registered client back with its registration access token (RFC 7592)', async () => {
    for (const { client } of [native, web]) {
      const body = await readRegisteredClient(client);
      assert.equal(body.client_id, client.client_id);
      assert.deepEqual(body.redirect_uris, client.redirect_uris);
      assert.equal(body.application_type, client.application_type);
      assert.equal(body.client_secret, client.client_secret);
    }
  });
});
