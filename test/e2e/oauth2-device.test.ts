import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as oauth from 'oauth4webapi';
import { UserAccounts } from '../../src/users/user-accounts.service';
import { addClient } from '../factories/code-flow.factory';
import { csrfOf } from '../factories/browser';
import { FormBrowser, localPath } from '../factories/form-browser';
import { oauthError, RP_PASSWORD } from '../factories/relying-party';
import { createBrowserTestApp, type BrowserTestApp } from '../setup/browser-test-app';
import { createTestApp, type TestApp } from '../setup/test-app';

/**
 * The device authorization grant (RFC 8628) with oauth4webapi 3 as the device: the device
 * authorization request and every poll go through the library's own request and response
 * functions; the person uses the `/link` and `/device/{id}` pages with a cookie-keeping form
 * browser. Time is moved by rewriting the grant's rows, as the clock of the app is real.
 */

const INSECURE = { [oauth.allowInsecureRequests]: true } as const;
const DEVICE_GRANT = 'urn:ietf:params:oauth:grant-type:device_code';
const MATRIX_SCOPE = 'urn:matrix:client:api:* urn:matrix:client:device:DEVICEFLOW01';

let addresses = 0;
/** A client address not used before in this file (TEST-NET-3, RFC 5737). */
const freshIp = () => `203.0.113.${++addresses}`;

interface Device {
  client: oauth.Client;
  auth: oauth.ClientAuth;
}

describe('device authorization grant (RFC 8628) with oauth4webapi', () => {
  let t: BrowserTestApp;
  let as: oauth.AuthorizationServer;
  /** A public client with the device and refresh grants. */
  let tv: Device;
  /** A confidential client with the device grant only (no refresh_token). */
  let kiosk: Device;

  before(async () => {
    t = await createBrowserTestApp();
    const accounts = t.running.app.get(UserAccounts);
    await accounts.register({ username: 'alice', password: RP_PASSWORD });
    const issuer = new URL(t.baseUrl);
    as = await oauth.processDiscoveryResponse(
      issuer,
      await oauth.discoveryRequest(issuer, { algorithm: 'oidc', ...INSECURE }),
    );
    const app = t.running.app;
    const tvRow = await addClient(app, {
      tokenEndpointAuthMethod: 'none',
      clientName: 'Living Room TV',
      redirectUris: [],
      grantTypeAuthorizationCode: false,
      grantTypeRefreshToken: true,
      grantTypeDeviceCode: true,
    });
    tv = { client: { client_id: tvRow.id }, auth: oauth.None() };
    const kioskRow = await addClient(app, {
      clientName: 'Kiosk',
      clientUri: 'https://kiosk.example.org/',
      redirectUris: [],
      grantTypeAuthorizationCode: false,
      grantTypeRefreshToken: false,
      grantTypeDeviceCode: true,
    });
    kiosk = {
      client: { client_id: kioskRow.id },
      auth: oauth.ClientSecretBasic(kioskRow.secret ?? ''),
    };
  });
  after(async () => {
    await t.close();
  });

  function start(device: Device, scope?: string) {
    return oauth
      .deviceAuthorizationRequest(as, device.client, device.auth, scope ? { scope } : {}, INSECURE)
      .then((res) => oauth.processDeviceAuthorizationResponse(as, device.client, res));
  }

  function poll(device: Device, deviceCode: string) {
    return oauth
      .deviceCodeGrantRequest(as, device.client, device.auth, deviceCode, INSECURE)
      .then((res) => oauth.processDeviceCodeResponse(as, device.client, res));
  }

  /** Rewinds the grant's last poll, as if the client had waited `seconds`. */
  async function waited(seconds: number) {
    await t.db.dataSource.query(
      `UPDATE oauth2_device_code_grant
          SET last_polled_at = last_polled_at - make_interval(secs => $1)
        WHERE last_polled_at IS NOT NULL`,
      [seconds],
    );
  }

  /** Submits a code on /link from a fresh address; returns the answer. */
  async function submitCode(browser: FormBrowser, code: string, ip = freshIp()) {
    const form = await browser.get('/link');
    assert.equal(form.status, 200);
    return t
      .http()
      .post('/link')
      .set('X-Forwarded-For', ip)
      .set('Cookie', browser.cookie)
      .type('form')
      .send({ csrf: csrfOf(form.text), code });
  }

  /** A person enters the code, signs in and presses `action` on the device consent page. */
  async function answer(userCode: string, action: 'allow' | 'deny', browser = new FormBrowser(t)) {
    // Any case, without the dash, with spaces around (RFC 8628 §6.1).
    const linked = await submitCode(browser, `  ${userCode.replace('-', '').toLowerCase()} `);
    assert.equal(linked.status, 303, linked.text);
    const consentPath = localPath(linked, t.baseUrl);
    assert.match(consentPath, /^\/device\/[0-7][0-9A-Z]{25}$/);
    let page = await browser.get(consentPath);
    if (page.status === 303) {
      const login = localPath(page, t.baseUrl);
      assert.equal(login, `/login?next=${encodeURIComponent(consentPath)}`);
      const signedIn = await browser.signIn('alice', RP_PASSWORD, login);
      assert.equal(localPath(signedIn, t.baseUrl), consentPath);
      page = await browser.get(consentPath);
    }
    assert.equal(page.status, 200, page.text);
    const done = await browser.post(consentPath, { action }, page);
    assert.equal(done.status, 200, done.text);
    return { consentPage: page.text, done: done.text, browser };
  }

  it('should advertise the device endpoint and grant in discovery', () => {
    assert.equal(as.device_authorization_endpoint, t.url('/oauth2/device'));
    assert.ok(as.grant_types_supported?.includes(DEVICE_GRANT));
  });

  it('should start with a short user code, the link page, 20 minutes and a 5 s interval', async () => {
    const res = await oauth.deviceAuthorizationRequest(as, tv.client, tv.auth, {}, INSECURE);
    assert.equal(res.headers.get('cache-control'), 'no-store');
    const started = await oauth.processDeviceAuthorizationResponse(as, tv.client, res);
    assert.match(started.user_code, /^[BCDFGHJKMNPQRSTVWXZ]{4}-[BCDFGHJKMNPQRSTVWXZ]{4}$/);
    assert.match(started.device_code, /^[A-Za-z0-9]{32}$/);
    assert.equal(started.verification_uri, t.url('/link'));
    assert.equal(started.verification_uri_complete, undefined);
    assert.equal(started.expires_in, 1200);
    assert.equal(started.interval, 5);
    const rows: { n: number }[] = await t.db.dataSource.query(
      `SELECT count(*)::int AS n FROM oauth2_device_code_grant
        WHERE device_code_sha256 = sha256(convert_to($1, 'UTF8'))`,
      [started.device_code],
    );
    assert.equal(rows[0].n, 1, 'the device code is stored only as its SHA-256');
  });

  it('should poll pending, slow a fast poll down, then give tokens once the person approved', async () => {
    const started = await start(tv, `openid ${MATRIX_SCOPE}`);
    await assert.rejects(
      poll(tv, started.device_code),
      oauthError(oauth.ResponseBodyError, 'authorization_pending'),
    );
    // RFC 8628 §3.5: polling again at once is too fast.
    await assert.rejects(poll(tv, started.device_code), (err: unknown) => {
      assert.ok(err instanceof oauth.ResponseBodyError, String(err));
      assert.equal(err.error, 'slow_down');
      assert.equal(err.status, 400);
      assert.match(err.error_description ?? '', /10 seconds/);
      return true;
    });
    // The interval is now 10 s: 6 s later is still too soon, 10 s later is fine.
    await waited(6);
    await assert.rejects(
      poll(tv, started.device_code),
      oauthError(oauth.ResponseBodyError, 'slow_down'),
    );
    await waited(15);
    await assert.rejects(
      poll(tv, started.device_code),
      oauthError(oauth.ResponseBodyError, 'authorization_pending'),
    );

    const { consentPage, done } = await answer(started.user_code, 'allow');
    assert.match(consentPage, /Living Room TV wants to sign in to your account on a device/);
    assert.match(consentPage, /Sign in as a new device \(session DEVICEFLOW01\)/);
    assert.match(done, /Device connected/);

    const tokens = await poll(tv, started.device_code);
    assert.equal(tokens.token_type, 'bearer');
    assert.match(tokens.access_token, /^mat_/);
    assert.match(tokens.refresh_token ?? '', /^mar_/, 'the client may refresh');
    assert.equal(tokens.scope, `openid ${MATRIX_SCOPE}`);
    const claims = oauth.getValidatedIdTokenClaims(tokens);
    assert.equal(claims?.aud, tv.client.client_id);
    assert.equal(claims?.preferred_username, 'alice');

    const introspected = await t
      .http()
      .post('/oauth2/introspect')
      .set('Authorization', `Bearer ${t.config.matrix.sharedSecret()}`)
      .type('form')
      .send({ token: tokens.access_token });
    assert.equal(introspected.body.active, true);
    assert.equal(introspected.body.username, 'alice');
    assert.equal(introspected.body.client_id, tv.client.client_id);

    // The refresh token works with the refresh grant.
    const refreshed = await oauth.processRefreshTokenResponse(
      as,
      tv.client,
      await oauth.refreshTokenGrantRequest(
        as,
        tv.client,
        tv.auth,
        tokens.refresh_token ?? '',
        INSECURE,
      ),
    );
    assert.match(refreshed.access_token, /^mat_/);

    // RFC 8628 §3.5 / RFC 6749 §4.1.2: a device code is redeemed once.
    await assert.rejects(
      poll(tv, started.device_code),
      oauthError(oauth.ResponseBodyError, 'invalid_grant'),
    );
  });

  it('should issue no refresh token to a client without the refresh_token grant', async () => {
    const started = await start(kiosk);
    const { consentPage } = await answer(started.user_code, 'allow');
    assert.match(consentPage, /Kiosk wants to sign in/);
    const tokens = await poll(kiosk, started.device_code);
    assert.match(tokens.access_token, /^mat_/);
    assert.equal(tokens.refresh_token, undefined);
    assert.equal(tokens.id_token, undefined);
  });

  it('should answer access_denied once the person rejected the device', async () => {
    const started = await start(tv, MATRIX_SCOPE);
    const { done } = await answer(started.user_code, 'deny');
    assert.match(done, /Device not connected/);
    const res = await oauth.deviceCodeGrantRequest(
      as,
      tv.client,
      tv.auth,
      started.device_code,
      INSECURE,
    );
    assert.equal(res.status, 400, 'RFC 8628 §3.5 (MAS answers 403)');
    await assert.rejects(
      oauth.processDeviceCodeResponse(as, tv.client, res),
      oauthError(oauth.ResponseBodyError, 'access_denied'),
    );
  });

  it('should answer expired_token after 20 minutes, and refuse the code on /link', async () => {
    const started = await start(tv);
    await t.db.dataSource.query(
      `UPDATE oauth2_device_code_grant
          SET expires_at = now() - interval '1 second', created_at = now() - interval '21 minutes'
        WHERE device_code_sha256 = sha256(convert_to($1, 'UTF8'))`,
      [started.device_code],
    );
    await assert.rejects(
      poll(tv, started.device_code),
      oauthError(oauth.ResponseBodyError, 'expired_token'),
    );
    const linked = await submitCode(new FormBrowser(t), started.user_code);
    assert.equal(linked.status, 400);
    assert.match(linked.text, /This code is not valid/);
  });

  it("should refuse another client's device code, and an approved code after expiry", async () => {
    const started = await start(tv);
    await assert.rejects(
      poll(kiosk, started.device_code),
      oauthError(oauth.ResponseBodyError, 'invalid_grant'),
    );
    await answer(started.user_code, 'allow');
    await t.db.dataSource.query(
      `UPDATE oauth2_device_code_grant SET expires_at = now() - interval '1 second'
        WHERE device_code_sha256 = sha256(convert_to($1, 'UTF8'))`,
      [started.device_code],
    );
    await assert.rejects(
      poll(tv, started.device_code),
      oauthError(oauth.ResponseBodyError, 'expired_token'),
    );
  });

  it('should let only one of two concurrent redemptions of an approved code win', async () => {
    const started = await start(kiosk);
    await answer(started.user_code, 'allow');
    const results = await Promise.allSettled([
      poll(kiosk, started.device_code),
      poll(kiosk, started.device_code),
    ]);
    assert.equal(results.filter((r) => r.status === 'fulfilled').length, 1);
    const [lost] = results.filter((r) => r.status === 'rejected');
    assert.ok(oauthError(oauth.ResponseBodyError, 'invalid_grant')(lost.reason));
    const sessions: { n: number }[] = await t.db.dataSource.query(
      `SELECT count(*)::int AS n FROM oauth2_device_code_grant g
         JOIN oauth2_sessions s ON s.oauth2_session_id = g.oauth2_session_id
        WHERE g.device_code_sha256 = sha256(convert_to($1, 'UTF8'))`,
      [started.device_code],
    );
    assert.equal(sessions[0].n, 1);
  });

  it('should refuse a scope the grant policy never allows, and a client without the grant', async () => {
    await assert.rejects(
      start(tv, 'openid profile'),
      oauthError(oauth.ResponseBodyError, 'invalid_scope'),
    );
    const plain = await addClient(t.running.app, { tokenEndpointAuthMethod: 'none' });
    await assert.rejects(
      start({ client: { client_id: plain.id }, auth: oauth.None() }),
      oauthError(oauth.ResponseBodyError, 'unauthorized_client'),
    );
  });

  it('should show the consent page a policy refusal for an admin scope alice may not have', async () => {
    const started = await start(tv, 'urn:mas:admin');
    const browser = new FormBrowser(t);
    const linked = await submitCode(browser, started.user_code);
    const consentPath = localPath(linked, t.baseUrl);
    const login = localPath(await browser.get(consentPath), t.baseUrl);
    await browser.signIn('alice', RP_PASSWORD, login);
    const page = await browser.get(consentPath);
    assert.equal(page.status, 200);
    assert.match(page.text, /scope &#39;urn:mas:admin&#39; not allowed/);
    assert.doesNotMatch(page.text, /value="allow"/);
    const forced = await browser.post(consentPath, { action: 'allow' }, page);
    assert.equal(forced.status, 403);
    await assert.rejects(
      poll(tv, started.device_code),
      oauthError(oauth.ResponseBodyError, 'authorization_pending'),
    );
  });

  it('should answer an unknown code with the form again, 400 and a readable error', async () => {
    const res = await submitCode(new FormBrowser(t), 'BCDF-GHJK');
    assert.equal(res.status, 400);
    assert.match(res.text, /This code is not valid/);
    assert.match(res.text, /value="BCDF-GHJK"/);
    const malformed = await submitCode(new FormBrowser(t), '<script>');
    assert.equal(malformed.status, 400);
    assert.doesNotMatch(malformed.text, /<script>/);
  });

  it('should refuse a /link submission without the CSRF token', async () => {
    const browser = new FormBrowser(t);
    await browser.get('/link');
    const res = await browser.post('/link', { code: 'BCDF-GHJK' });
    assert.equal(res.status, 403);
  });

  it('should limit code submissions per address, with a readable 429 page (RFC 8628 §5.1)', async () => {
    const ip = freshIp();
    for (let i = 0; i < 10; i++) {
      assert.equal((await submitCode(new FormBrowser(t), 'BCDF-GHJK', ip)).status, 400);
    }
    const limited = await submitCode(new FormBrowser(t), 'BCDF-GHJK', ip);
    assert.equal(limited.status, 429);
    assert.ok(Number(limited.headers['retry-after']) > 0);
    assert.match(limited.text, /Too many attempts/);
    // Another address is not affected.
    assert.equal((await submitCode(new FormBrowser(t), 'BCDF-GHJK')).status, 400);
  });

  it('should limit code submissions per browser session across addresses', async () => {
    const browser = new FormBrowser(t);
    await browser.signIn('alice', RP_PASSWORD);
    for (let i = 0; i < 10; i++) {
      assert.equal((await submitCode(browser, 'BCDF-GHJK')).status, 400);
    }
    assert.equal((await submitCode(browser, 'BCDF-GHJK')).status, 429);
    assert.equal((await submitCode(new FormBrowser(t), 'BCDF-GHJK')).status, 400);
  });

  it('should send a signed-out person from /device/{id} to the login page and back', async () => {
    const started = await start(tv);
    const browser = new FormBrowser(t);
    const linked = await submitCode(browser, started.user_code);
    const consentPath = localPath(linked, t.baseUrl);
    const res = await browser.get(consentPath);
    assert.equal(res.status, 303);
    assert.equal(localPath(res, t.baseUrl), `/login?next=${encodeURIComponent(consentPath)}`);
    const unknown = await browser.get('/device/01J00000000000000000000000');
    assert.equal(unknown.status, 404);
  });
});

describe('device authorization grant: user code auto-fill', () => {
  let t: BrowserTestApp;
  before(async () => {
    t = await createBrowserTestApp({
      extraConfig: 'oauth:\n  device_code_user_code_auto_fill_enabled: true\n',
    });
  });
  after(async () => {
    await t.close();
  });

  it('should add verification_uri_complete and fill the code in on /link', async () => {
    const client = await addClient(t.running.app, {
      tokenEndpointAuthMethod: 'none',
      grantTypeDeviceCode: true,
    });
    const res = await t.http().post('/oauth2/device').type('form').send({ client_id: client.id });
    assert.equal(res.status, 200);
    const complete = new URL(res.body.verification_uri_complete as string);
    assert.equal(complete.searchParams.get('code'), res.body.user_code);
    const page = await t.http().get(`${complete.pathname}${complete.search}`);
    assert.equal(page.status, 200);
    assert.match(page.text, new RegExp(`value="${res.body.user_code as string}"`));
  });
});

describe('device authorization grant: disabled (oauth.device_code_grant_enabled: false)', () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp('oauth:\n  device_code_grant_enabled: false\n');
  });
  after(async () => {
    await t.close();
  });

  it('should not advertise the endpoint nor the grant type', async () => {
    const res = await t.http().get('/.well-known/openid-configuration');
    assert.equal(res.body.device_authorization_endpoint, undefined);
    assert.ok(!(res.body.grant_types_supported as string[]).includes(DEVICE_GRANT));
    assert.ok((res.body.grant_types_supported as string[]).includes('client_credentials'));
  });

  it('should answer the endpoint and pages as unknown routes, and the grant as unsupported', async () => {
    const client = await addClient(t.running.app, {
      tokenEndpointAuthMethod: 'none',
      grantTypeDeviceCode: true,
    });
    const device = await t
      .http()
      .post('/oauth2/device')
      .type('form')
      .send({ client_id: client.id });
    assert.equal(device.status, 404);
    assert.equal((await t.http().get('/link').set('Accept', 'text/html')).status, 404);
    assert.equal((await t.http().get('/device/01J00000000000000000000000')).status, 404);
    const token = await t
      .http()
      .post('/oauth2/token')
      .type('form')
      .send({ grant_type: DEVICE_GRANT, client_id: client.id, device_code: 'x' });
    assert.equal(token.status, 400);
    assert.equal(token.body.error, 'unsupported_grant_type');
  });
});
