import { after, before, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { hashToken } from '../../src/core';
import { OAuth2AccessTokenEntity } from '../../src/storage/oauth2/oauth2-access-token.entity';
import { UserAccounts } from '../../src/users/user-accounts.service';
import { SocketPerson } from '../factories/socket-person';
import { installBrowserGlobals, type InstalledBrowserGlobals } from '../setup/browser-globals';
import { createBrowserTestApp, type BrowserTestApp } from '../setup/browser-test-app';
import { startRecordingProxy, type RecordingProxy } from '../setup/recording-proxy';
import { waitFor } from '../setup/wait-for';
import { describeWithSynapse, startSynapse, type SynapseServer } from '../setup/synapse';

type MatrixSdk = typeof import('matrix-js-sdk');
type ClientMetadata = Parameters<MatrixSdk['registerOidcClient']>[1];

const SERVER_NAME = 'synapse.test';
const PASSWORD = 'correct horse battery';
const WEB_ORIGIN = 'https://chat.example.org';
const REDIRECT_URI = `${WEB_ORIGIN}/?no_universal_links=true`;
const DEVICE_SCOPE_PREFIX = 'urn:matrix:org.matrix.msc2967.client:device:';

/** Element Web's registration (MSC2966), as matrix-js-sdk sends it. */
const ELEMENT_WEB: ClientMetadata = {
  clientName: 'Element',
  clientUri: `${WEB_ORIGIN}/`,
  applicationType: 'web',
  redirectUris: [REDIRECT_URI],
  contacts: ['support@example.org'],
  tosUri: `${WEB_ORIGIN}/terms`,
  policyUri: `${WEB_ORIGIN}/privacy`,
};

/**
 * The whole delegated sign-in with real peers (CONTRACTS §1–§3, §9): matrix-js-sdk 37.5 finds
 * mas-ts through Synapse's auth_metadata, registers, the person signs in and consents, the SDK
 * redeems the code (mas-ts provisions the user and device on Synapse first), and the token
 * then works on Synapse, which introspects it at mas-ts.
 */
describeWithSynapse('matrix-js-sdk signs in to a real Synapse through mas-ts', () => {
  let mas: BrowserTestApp;
  let synapse: SynapseServer;
  let homeserverProxy: RecordingProxy | undefined;
  let sdk: MatrixSdk;
  let globals: InstalledBrowserGlobals | undefined;
  const secret = randomBytes(32).toString('hex');

  before(async () => {
    // mas-ts names Synapse before it starts: through a proxy bound first (see startSynapse).
    homeserverProxy = await startRecordingProxy(null);
    mas = await createBrowserTestApp({
      extraConfig: [
        'matrix:',
        '  kind: synapse',
        `  homeserver: ${SERVER_NAME}`,
        `  endpoint: ${homeserverProxy.url}`,
        `  secret: ${secret}`,
        '',
      ].join('\n'),
    });
    synapse = await startSynapse({
      masEndpoint: mas.baseUrl,
      secret,
      serverName: SERVER_NAME,
    });
    homeserverProxy.setTarget(synapse.baseUrl);
    await mas.running.app.get(UserAccounts).register({ username: 'alice', password: PASSWORD });
    globals = installBrowserGlobals(WEB_ORIGIN);
    sdk = await import('matrix-js-sdk');
  });
  after(async () => {
    globals?.restore();
    await synapse?.stop();
    await homeserverProxy?.close();
    await mas?.close();
  });

  function synapseLog(): string {
    return `--- Synapse's log ---\n${synapse.log().split('\n').slice(-40).join('\n')}`;
  }

  /** Discovery through Synapse, registration, the person's consent and the code exchange. */
  async function signIn() {
    const anonymous = sdk.createClient({ baseUrl: synapse.baseUrl });
    const metadata = await anonymous.getAuthMetadata();
    const clientId = await sdk.registerOidcClient(metadata, ELEMENT_WEB);
    const nonce = randomBytes(12).toString('base64url');
    const url = await sdk.generateOidcAuthorizationUrl({
      metadata,
      clientId,
      redirectUri: REDIRECT_URI,
      homeserverUrl: synapse.baseUrl,
      nonce,
    });
    const deviceId = (new URL(url).searchParams.get('scope') ?? '')
      .split(' ')
      .find((s) => s.startsWith(DEVICE_SCOPE_PREFIX))
      ?.slice(DEVICE_SCOPE_PREFIX.length);
    const callback = await new SocketPerson('alice', PASSWORD).authorize(url, REDIRECT_URI);
    const result = await sdk.completeAuthorizationCodeGrant(
      callback.searchParams.get('code') ?? '',
      callback.searchParams.get('state') ?? '',
    );
    return { metadata, clientId, deviceId: deviceId ?? '', result };
  }

  function clientFor(accessToken: string, deviceId: string) {
    return sdk.createClient({
      baseUrl: synapse.baseUrl,
      accessToken,
      userId: `@alice:${SERVER_NAME}`,
      deviceId,
    });
  }

  it('should find mas-ts through Synapse, sign in, and use the token on Synapse', async () => {
    const { metadata, deviceId, result } = await signIn();
    assert.equal(metadata.issuer, mas.baseUrl);
    assert.match(deviceId, /^[A-Za-z0-9]{10}$/);

    const mx = clientFor(result.tokenResponse.access_token, deviceId);
    const who = await mx
      .whoami()
      .catch((e: unknown) => assert.fail(`${String(e)}\n${synapseLog()}`));
    assert.equal(who.user_id, `@alice:${SERVER_NAME}`);
    assert.equal(who.device_id, deviceId);
    const room = await mx.createRoom({ name: 'Delegated', visibility: sdk.Visibility.Private });
    assert.match(room.room_id, new RegExp(`^!.+:${SERVER_NAME.replace('.', '\\.')}$`));
    const devices = await mx.getDevices();
    assert.ok(
      devices.devices.some((d) => d.device_id === deviceId),
      'the device exists on Synapse',
    );
  });

  it('should keep working on Synapse after a refresh, and stop at once after revocation', async () => {
    const { metadata, clientId, deviceId, result } = await signIn();
    const refresher = new (class extends sdk.OidcTokenRefresher {
      override async persistTokens() {
        return Promise.resolve();
      }
    })(mas.baseUrl, clientId, REDIRECT_URI, deviceId, result.idTokenClaims);
    await refresher.oidcClientReady;
    const refreshed = await refresher.doRefreshAccessToken(
      result.tokenResponse.refresh_token ?? '',
    );
    const mx = clientFor(refreshed.accessToken, deviceId);
    assert.equal((await mx.whoami()).device_id, deviceId);

    // RFC 7009 revocation ends the session at once; its sync-devices job (run by the app's
    // own worker right after the commit) deletes the device on Synapse, which drops its cached
    // introspection, so calls are refused from then on (Synapse may cache the token until then).
    const revoke = await fetch(metadata.revocation_endpoint ?? '', {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ client_id: clientId, token: refreshed.accessToken }).toString(),
    });
    assert.equal(revoke.status, 200);
    const refusal = await waitFor('Synapse to refuse the revoked token', () =>
      mx.whoami().then(
        () => undefined,
        (error: unknown) => error as Error & { errcode?: string },
      ),
    );
    assert.equal(refusal.errcode, 'M_UNKNOWN_TOKEN', refusal.message);
  });
  it('should refresh an expired token through OidcTokenRefresher when Synapse refuses it, and carry on', async () => {
    const { clientId, deviceId, result } = await signIn();
    // No configuration makes a token this short-lived (60 s at least), so the test shortens
    // this one's life in the database before Synapse first sees it.
    const first = result.tokenResponse.access_token;
    await mas.running.app
      .get(DataSource)
      .getRepository(OAuth2AccessTokenEntity)
      .update({ accessTokenSha256: hashToken(first) }, { expiresAt: new Date(Date.now() + 4000) });

    const refresher = new (class extends sdk.OidcTokenRefresher {
      override async persistTokens() {
        return Promise.resolve();
      }
    })(mas.baseUrl, clientId, REDIRECT_URI, deviceId, result.idTokenClaims);
    await refresher.oidcClientReady;
    const refreshed: string[] = [];
    const mx = sdk.createClient({
      baseUrl: synapse.baseUrl,
      accessToken: first,
      refreshToken: result.tokenResponse.refresh_token,
      userId: `@alice:${SERVER_NAME}`,
      deviceId,
      tokenRefreshFunction: async (refreshToken: string) => {
        const tokens = await refresher.doRefreshAccessToken(refreshToken);
        refreshed.push(tokens.accessToken);
        return tokens;
      },
    });
    assert.equal((await mx.whoami()).device_id, deviceId);
    assert.deepEqual(refreshed, [], 'no refresh while the token is alive');

    // Past the expiry, Synapse refuses the token (from its cache: it counts expires_in from
    // when it introspected); the SDK refreshes on M_UNKNOWN_TOKEN and retries the call.
    await new Promise((resolve) => setTimeout(resolve, 4500));
    const room = await mx.createRoom({ name: 'After expiry', visibility: sdk.Visibility.Private });
    assert.match(room.room_id, /^!/);
    assert.equal(refreshed.length, 1, 'exactly one refresh');
    assert.notEqual(refreshed[0], first);
    assert.equal(mx.getAccessToken(), refreshed[0]);
    assert.equal((await mx.whoami()).device_id, deviceId, 'the same device after the refresh');
  });
});
