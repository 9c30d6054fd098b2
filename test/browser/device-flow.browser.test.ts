import { after, before, it } from 'node:test';
import assert from 'node:assert/strict';
import * as oauth from 'oauth4webapi';
import { UserAccounts } from '../../src/users/user-accounts.service';
import { addClient } from '../factories/code-flow.factory';
import { fillLoginForm, submitForm, waitForUrlPrefix } from '../setup/browser-pages';
import { createBrowserTestApp, type BrowserTestApp } from '../setup/browser-test-app';
import { describeWithChromium, launchTestBrowser, type TestBrowser } from '../setup/test-browser';

const PASSWORD = 'correct horse battery';
const INSECURE = { [oauth.allowInsecureRequests]: true } as const;

describeWithChromium('browser: device authorization grant through /link and consent', () => {
  let browser: TestBrowser;
  let app: BrowserTestApp;
  let as: oauth.AuthorizationServer;
  let device: oauth.Client;

  before(async () => {
    browser = await launchTestBrowser();
    app = await createBrowserTestApp();
    await app.running.app.get(UserAccounts).register({ username: 'alice', password: PASSWORD });
    const row = await addClient(app.running.app, {
      tokenEndpointAuthMethod: 'none',
      clientName: 'Living Room TV',
      redirectUris: [],
      grantTypeAuthorizationCode: false,
      grantTypeRefreshToken: true,
      grantTypeDeviceCode: true,
    });
    device = { client_id: row.id };
    const issuer = new URL(app.baseUrl);
    as = await oauth.processDiscoveryResponse(
      issuer,
      await oauth.discoveryRequest(issuer, { algorithm: 'oidc', ...INSECURE }),
    );
  });
  after(async () => {
    await app?.close();
    await browser?.close();
  });

  function poll(deviceCode: string) {
    return oauth
      .deviceCodeGrantRequest(as, device, oauth.None(), deviceCode, INSECURE)
      .then((res) => oauth.processDeviceCodeResponse(as, device, res));
  }

  it('should let a person type the code, sign in and approve, then the device polls tokens', async () => {
    const started = await oauth.processDeviceAuthorizationResponse(
      as,
      device,
      await oauth.deviceAuthorizationRequest(
        as,
        device,
        oauth.None(),
        { scope: 'openid urn:matrix:client:api:* urn:matrix:client:device:BROWSERTV01' },
        INSECURE,
      ),
    );
    await assert.rejects(poll(started.device_code), (err: unknown) => {
      assert.ok(err instanceof oauth.ResponseBodyError);
      assert.equal(err.error, 'authorization_pending');
      return true;
    });

    const page = await browser.newPage();
    await page.goto(started.verification_uri);
    assert.match(await page.locator('main').innerText(), /Enter the code shown on the device/);
    await page.getByLabel('Code').fill(started.user_code.toLowerCase());
    await submitForm(page);
    await waitForUrlPrefix(page, app.url('/login'));
    await fillLoginForm(page, 'alice', PASSWORD);
    const consent = await submitForm(page);
    assert.equal(consent.status(), 200);
    assert.match(page.url(), /\/device\/[0-7][0-9A-Z]{25}$/);
    const main = await page.locator('main').innerText();
    assert.match(main, /Living Room TV wants to sign in to your account on a device/);
    assert.match(main, /Sign in as a new device \(session BROWSERTV01\)/);

    const done = await submitForm(page, page.getByRole('button', { name: 'Allow' }));
    assert.equal(done.status(), 200);
    assert.match(await page.locator('main').innerText(), /Living Room TV is now signed in/);

    const tokens = await poll(started.device_code);
    assert.match(tokens.access_token, /^mat_/);
    assert.match(tokens.refresh_token ?? '', /^mar_/);
    assert.equal(oauth.getValidatedIdTokenClaims(tokens)?.preferred_username, 'alice');
  });
});
