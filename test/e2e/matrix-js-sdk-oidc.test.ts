import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { createLocalJWKSet, jwtVerify } from 'jose';
import { UserAccounts } from '../../src/users/user-accounts.service';
import { SocketPerson } from '../factories/socket-person';
import { installBrowserGlobals, type InstalledBrowserGlobals } from '../setup/browser-globals';
import { createBrowserTestApp, type BrowserTestApp } from '../setup/browser-test-app';

type MatrixSdk = typeof import('matrix-js-sdk');
type OidcClientConfig = Awaited<ReturnType<MatrixSdk['discoverAndValidateOIDCIssuerWellKnown']>>;
type ClientMetadata = Parameters<MatrixSdk['registerOidcClient']>[1];
type HttpApi = typeof import('matrix-js-sdk/lib/http-api/index.js');
type OidcClientTs = typeof import('oidc-client-ts');

const PASSWORD = 'correct horse battery';
const HOMESERVER_URL = 'https://matrix.example.test/';
const WEB_ORIGIN = 'https://chat.example.org';
const API_SCOPE = 'urn:matrix:org.matrix.msc2967.client:api:*';
const DEVICE_SCOPE_PREFIX = 'urn:matrix:org.matrix.msc2967.client:device:';

/** How a kind of Matrix client registers (MSC2966) and where it wants the code back. */
interface ClientKind {
  name: string;
  metadata: ClientMetadata;
  /** The redirect URI of the authorization request (a loopback one may add a port). */
  redirectUri: string;
}

/** Element Web: a web client on its own https origin, called back on its own page. */
const ELEMENT_WEB: ClientKind = {
  name: 'a web client (Element Web)',
  metadata: {
    clientName: 'Element',
    clientUri: `${WEB_ORIGIN}/`,
    applicationType: 'web',
    redirectUris: [`${WEB_ORIGIN}/?no_universal_links=true`],
    contacts: ['support@example.org'],
    logoUri: `${WEB_ORIGIN}/vector-icons/1024.png`,
    policyUri: `${WEB_ORIGIN}/privacy`,
    // Not on the client_uri host: registerOidcClient drops it (MSC2966 common base).
    tosUri: 'https://legal.example.net/terms',
  },
  redirectUri: `${WEB_ORIGIN}/?no_universal_links=true`,
};

/** A native app called back on a private-use reverse-DNS scheme (RFC 8252 §7.1). */
const NATIVE_SCHEME: ClientKind = {
  name: 'a native client with a private-use scheme',
  metadata: {
    clientName: 'Example Desktop',
    clientUri: 'https://desktop.example.org/',
    applicationType: 'native',
    redirectUris: ['org.example.desktop:/vector/webapp/'],
    contacts: ['support@example.org'],
    tosUri: 'https://desktop.example.org/terms',
    policyUri: 'https://desktop.example.org/privacy',
  },
  redirectUri: 'org.example.desktop:/vector/webapp/',
};

/** A native app called back on a loopback port chosen at run time (RFC 8252 §7.3). */
const NATIVE_LOOPBACK: ClientKind = {
  name: 'a native client with a loopback redirect',
  metadata: {
    clientName: 'Example CLI',
    clientUri: 'https://cli.example.org/',
    applicationType: 'native',
    redirectUris: ['http://127.0.0.1/callback'],
    contacts: ['support@example.org'],
    tosUri: 'https://cli.example.org/terms',
    policyUri: 'https://cli.example.org/privacy',
  },
  redirectUri: 'http://127.0.0.1:49152/callback',
};

describe('matrix-js-sdk 37.5.0 as a Matrix client (MSC2965, MSC2966, MSC2967)', () => {
  let t: BrowserTestApp;
  let sdk: MatrixSdk;
  let httpApi: HttpApi;
  let oidc: OidcClientTs;
  let globals: InstalledBrowserGlobals | undefined;

  before(async () => {
    t = await createBrowserTestApp();
    await t.running.app.get(UserAccounts).register({ username: 'alice', password: PASSWORD });
    // The SDK reads `window.sessionStorage` and `window.location`: stand them in before it
    // loads, but after the database started (PGlite takes a `window` for a browser).
    globals = installBrowserGlobals(WEB_ORIGIN);
    sdk = await import('matrix-js-sdk');
    httpApi = await import('matrix-js-sdk/lib/http-api/index.js');
    // Element Web builds its OidcClient (sign-out) from the copy the SDK depends on.
    oidc = await import('oidc-client-ts');
  });
  after(async () => {
    globals?.restore();
    await t?.close();
    assert.equal('window' in globalThis, false, 'no window left behind');
  });

  const discover = (): Promise<OidcClientConfig> =>
    sdk.discoverAndValidateOIDCIssuerWellKnown(t.baseUrl);

  async function userinfo(accessToken: string): Promise<{ status: number; body: unknown }> {
    const res = await fetch(t.url('/oauth2/userinfo'), {
      headers: { Authorization: `Bearer ${accessToken}` },
    });
    return { status: res.status, body: await res.json() };
  }

  /**
   * What a Matrix client does to sign a person in: discovery, registration, the authorization
   * URL; then the person's browser; then the code exchange. Returns everything the client
   * ends with.
   */
  async function signIn(kind: ClientKind) {
    const config = await discover();
    const clientId = await sdk.registerOidcClient(config, kind.metadata);
    const nonce = randomBytes(12).toString('base64url');
    const authorizationUrl = await sdk.generateOidcAuthorizationUrl({
      metadata: config,
      clientId,
      redirectUri: kind.redirectUri,
      homeserverUrl: HOMESERVER_URL,
      nonce,
    });
    const request = new URL(authorizationUrl);
    const scope = request.searchParams.get('scope') ?? '';
    const deviceId = scope
      .split(' ')
      .find((s) => s.startsWith(DEVICE_SCOPE_PREFIX))
      ?.slice(DEVICE_SCOPE_PREFIX.length);

    const callback = await new SocketPerson('alice', PASSWORD).authorize(
      authorizationUrl,
      kind.redirectUri,
    );
    const code = callback.searchParams.get('code') ?? '';
    const state = callback.searchParams.get('state') ?? '';
    const result = await sdk.completeAuthorizationCodeGrant(code, state);
    return { config, clientId, nonce, request, scope, deviceId, callback, result };
  }

  it('should have its issuer metadata accepted unmodified by the SDK, keys included', async () => {
    const raw: unknown = await (await fetch(t.url('/.well-known/openid-configuration'))).json();
    // What MatrixClient.getAuthMetadata applies to Synapse's verbatim copy at auth_metadata.
    assert.deepEqual(sdk.validateAuthMetadata(raw), raw);
    const withKeys = await sdk.validateAuthMetadataAndKeys(raw);
    assert.ok(withKeys.signingKeys && withKeys.signingKeys.length > 0, 'JWKS fetched');

    // The pre-auth_metadata path (auth_issuer, then the issuer's well-known).
    const config = await discover();
    assert.equal(config.issuer, t.baseUrl);
    assert.equal(config.registration_endpoint, t.url('/oauth2/registration'));
    assert.equal(config.revocation_endpoint, t.url('/oauth2/revoke'));
    assert.ok(config.grant_types_supported.includes('refresh_token'));
    assert.ok(config.signingKeys?.every((k) => typeof k.kid === 'string'));
  });

  for (const kind of [ELEMENT_WEB, NATIVE_SCHEME, NATIVE_LOOPBACK]) {
    it(`should sign a person in for ${kind.name} from registration to validated tokens`, async () => {
      const { config, clientId, nonce, request, scope, deviceId, callback, result } =
        await signIn(kind);

      // registerOidcClient (MSC2966) got a client id (a ULID) from our registration policy.
      assert.match(clientId, /^[0-7][0-9A-HJKMNP-TV-Z]{25}$/);

      // generateOidcAuthorizationUrl: 37.x's request shape (CONTRACTS §5).
      assert.equal(`${request.origin}${request.pathname}`, t.url('/authorize'));
      assert.equal(request.searchParams.get('response_mode'), 'query');
      assert.equal(request.searchParams.get('response_type'), 'code');
      assert.equal(request.searchParams.get('code_challenge_method'), 'S256');
      assert.match(request.searchParams.get('code_challenge') ?? '', /^[A-Za-z0-9_-]{43}$/);
      assert.equal(request.searchParams.get('nonce'), nonce);
      assert.equal(request.searchParams.get('client_id'), clientId);
      assert.deepEqual(scope.split(' ').slice(0, 2), ['openid', API_SCOPE]);
      assert.match(deviceId ?? '', /^[A-Za-z0-9]{10}$/);

      // The authorization response (RFC 6749 §4.1.2, RFC 9207) on the registered redirect.
      assert.ok(callback.href.startsWith(kind.redirectUri));
      assert.equal(callback.searchParams.get('state'), request.searchParams.get('state'));
      assert.equal(callback.searchParams.get('iss'), t.baseUrl);

      // completeAuthorizationCodeGrant checked iss, aud, nonce and exp of the ID token.
      assert.deepEqual(result.oidcClientSettings, { clientId, issuer: t.baseUrl });
      assert.equal(result.homeserverUrl, HOMESERVER_URL);
      const tokens = result.tokenResponse;
      assert.equal(tokens.token_type, 'Bearer');
      assert.match(tokens.access_token, /^mat_/);
      assert.match(tokens.refresh_token ?? '', /^mar_/);
      assert.ok(tokens.expires_at && tokens.expires_at > Date.now() / 1000);
      assert.deepEqual(new Set(tokens.scope?.split(' ')), new Set(scope.split(' ')));
      const claims = result.idTokenClaims;
      assert.equal(claims.iss, t.baseUrl);
      assert.equal(claims.aud, clientId);
      assert.equal(claims.preferred_username, 'alice');
      // 37.5 only decodes the ID token; the keys it fetched from jwks_uri do verify it.
      const keys = createLocalJWKSet({ keys: config.signingKeys ?? [] });
      const { payload } = await jwtVerify(tokens.id_token ?? '', keys, {
        issuer: t.baseUrl,
        audience: clientId,
      });
      assert.equal(payload.nonce, nonce);

      // The access token works, for the person who signed in.
      const info = await userinfo(tokens.access_token);
      assert.equal(info.status, 200);
      assert.equal((info.body as { sub?: string }).sub, claims.sub);
    });
  }

  it('should rotate tokens through OidcTokenRefresher and refuse the replayed refresh token', async () => {
    const { clientId, deviceId, result } = await signIn(ELEMENT_WEB);
    const persisted: { accessToken: string; refreshToken?: string }[] = [];
    const refresher = new (class extends sdk.OidcTokenRefresher {
      override async persistTokens(tokens: { accessToken: string; refreshToken?: string }) {
        persisted.push(tokens);
        return Promise.resolve();
      }
    })(t.baseUrl, clientId, ELEMENT_WEB.redirectUri, deviceId ?? '', result.idTokenClaims);
    await refresher.oidcClientReady;

    const first = result.tokenResponse;
    const firstRefresh = first.refresh_token ?? '';
    const second = await refresher.doRefreshAccessToken(firstRefresh);
    assert.match(second.accessToken, /^mat_/);
    assert.match(second.refreshToken ?? '', /^mar_/);
    assert.notEqual(second.accessToken, first.access_token);
    assert.notEqual(second.refreshToken, first.refresh_token);
    assert.ok(second.expiry && second.expiry.getTime() > Date.now());
    assert.deepEqual(persisted, [second]);
    // Rotation revokes the previous access token (RFC 9700 §4.14.2).
    assert.equal((await userinfo(first.access_token)).status, 401);
    assert.equal((await userinfo(second.accessToken)).status, 200);

    // Once the new pair has been used (here: refreshed), the old refresh token is a replay.
    const third = await refresher.doRefreshAccessToken(second.refreshToken ?? '');
    assert.match(third.accessToken, /^mat_/);
    await assert.rejects(refresher.doRefreshAccessToken(firstRefresh), (error: unknown) => {
      assert.ok(error instanceof httpApi.TokenRefreshLogoutError, String(error));
      return true;
    });
    // ... which ends the whole session: the newest tokens stop working too.
    assert.equal((await userinfo(third.accessToken)).status, 401);
    await assert.rejects(
      refresher.doRefreshAccessToken(third.refreshToken ?? ''),
      httpApi.TokenRefreshLogoutError,
    );
  });

  it('should revoke both tokens the way Element Web signs out (oidc-client-ts under the SDK)', async () => {
    const { config, clientId, deviceId, result } = await signIn(ELEMENT_WEB);
    const accessToken = result.tokenResponse.access_token;
    const refreshToken = result.tokenResponse.refresh_token ?? '';
    const client = new oidc.OidcClient({
      metadata: config,
      signingKeys: config.signingKeys ?? undefined,
      authority: config.issuer,
      client_id: clientId,
      redirect_uri: ELEMENT_WEB.redirectUri,
      stateStore: new oidc.WebStorageStateStore({
        prefix: 'mx_oidc_',
        store: globals?.window.sessionStorage,
      }),
    });
    await client.revokeToken(accessToken, 'access_token');
    await client.revokeToken(refreshToken, 'refresh_token');
    assert.equal((await userinfo(accessToken)).status, 401);
    const refresher = new sdk.OidcTokenRefresher(
      t.baseUrl,
      clientId,
      ELEMENT_WEB.redirectUri,
      deviceId ?? '',
      result.idTokenClaims,
    );
    await refresher.oidcClientReady;
    await assert.rejects(
      refresher.doRefreshAccessToken(refreshToken),
      httpApi.TokenRefreshLogoutError,
    );
  });
});
