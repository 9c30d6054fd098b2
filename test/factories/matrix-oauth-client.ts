import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import * as oauth from 'oauth4webapi';
import type { SocketPerson } from './socket-person';
import { LOOPBACK_REDIRECT, loopbackRedirect, WEB_CLIENT_URI } from './relying-party';

/** The MSC2967 client API scope, stable name (CONTRACTS §5). */
export const API_SCOPE = 'urn:matrix:client:api:*';
/** Makes the token's user a Synapse admin (CONTRACTS §2, §5). */
export const SYNAPSE_ADMIN_SCOPE = 'urn:synapse:admin:*';
const DEVICE_SCOPE_PREFIX = 'urn:matrix:client:device:';

/** oauth4webapi refuses plain http unless told; every test server is loopback http. */
const INSECURE = { [oauth.allowInsecureRequests]: true } as const;

/** An access token pair of one sign-in, with the device its scope binds. */
export interface MatrixTokens {
  accessToken: string;
  refreshToken: string;
  deviceId: string;
  /** The granted scope of the token response (RFC 6749 §5.1). */
  scope: string;
  expiresIn: number | undefined;
}

function tokensOf(response: oauth.TokenEndpointResponse, deviceId: string): MatrixTokens {
  assert.equal(typeof response.refresh_token, 'string', 'the token response has a refresh token');
  return {
    accessToken: response.access_token,
    refreshToken: response.refresh_token ?? '',
    deviceId,
    scope: response.scope ?? '',
    expiresIn: response.expires_in,
  };
}

/**
 * A native Matrix client that signs in the way the Matrix spec describes (Client-Server API
 * "OAuth 2.0 API"): it reads the server metadata from the homeserver's
 * `GET /_matrix/client/v1/auth_metadata`, registers itself (MSC2966, RFC 7591) as a public
 * client with a loopback redirect (RFC 8252 §7.3), and runs the code flow with PKCE for the
 * MSC2967 API scope and a fresh device scope. Every request and check is oauth4webapi's (the
 * OpenID Certified core of openid-client).
 */
export class MatrixOAuthClient {
  private constructor(
    readonly as: oauth.AuthorizationServer,
    readonly client: oauth.Client,
    private readonly redirectUri: string,
  ) {}

  /** Discovery through `homeserverUrl` (its metadata must name `issuer`), then registration. */
  static async register(homeserverUrl: string, issuer: string): Promise<MatrixOAuthClient> {
    const metadata = await fetch(`${homeserverUrl}/_matrix/client/v1/auth_metadata`);
    const as = await oauth.processDiscoveryResponse(new URL(issuer), metadata);
    const redirectUri = loopbackRedirect(new URL(issuer));
    const res = await oauth.dynamicClientRegistrationRequest(
      as,
      {
        client_name: 'Synapse test client',
        client_uri: WEB_CLIENT_URI,
        application_type: 'native',
        redirect_uris: [LOOPBACK_REDIRECT],
        token_endpoint_auth_method: 'none',
        grant_types: ['authorization_code', 'refresh_token'],
        response_types: ['code'],
      },
      INSECURE,
    );
    const client = await oauth.processDynamicClientRegistrationResponse(res);
    return new MatrixOAuthClient(as, client, redirectUri);
  }

  /** The authorization URL for the API scope, a device scope and `extraScopes`. */
  private async authorizationRequest(extraScopes: readonly string[]) {
    const deviceId = randomBytes(5).toString('hex').toUpperCase();
    const verifier = oauth.generateRandomCodeVerifier();
    const state = oauth.generateRandomState();
    const url = new URL(this.as.authorization_endpoint ?? '');
    const params = {
      client_id: this.client.client_id,
      redirect_uri: this.redirectUri,
      response_type: 'code',
      scope: [API_SCOPE, `${DEVICE_SCOPE_PREFIX}${deviceId}`, ...extraScopes].join(' '),
      state,
      code_challenge: await oauth.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
    };
    for (const [name, value] of Object.entries(params)) url.searchParams.set(name, value);
    return { url, deviceId, verifier, state };
  }

  /**
   * `person` signs in and consents; the code is redeemed (mas-ts provisions the user and the
   * device on the homeserver before it answers). Fails when the authorization is refused.
   */
  async signIn(person: SocketPerson, extraScopes: readonly string[] = []): Promise<MatrixTokens> {
    const request = await this.authorizationRequest(extraScopes);
    const callback = await person.authorize(request.url.href, this.redirectUri);
    const params = oauth.validateAuthResponse(this.as, this.client, callback, request.state);
    const res = await oauth.authorizationCodeGrantRequest(
      this.as,
      this.client,
      oauth.None(),
      params,
      this.redirectUri,
      request.verifier,
      INSECURE,
    );
    const tokens = await oauth.processAuthorizationCodeResponse(this.as, this.client, res, {
      requireIdToken: false,
    });
    return tokensOf(tokens, request.deviceId);
  }

  /** RFC 6749 §6: a new pair for the refresh token, for the same device. */
  async refresh(tokens: MatrixTokens): Promise<MatrixTokens> {
    const res = await oauth.refreshTokenGrantRequest(
      this.as,
      this.client,
      oauth.None(),
      tokens.refreshToken,
      INSECURE,
    );
    const refreshed = await oauth.processRefreshTokenResponse(this.as, this.client, res);
    return tokensOf(refreshed, tokens.deviceId);
  }

  /** RFC 7009: revokes `token` (its session ends). */
  async revoke(token: string): Promise<void> {
    const res = await oauth.revocationRequest(this.as, this.client, oauth.None(), token, INSECURE);
    await oauth.processRevocationResponse(res);
  }
}
