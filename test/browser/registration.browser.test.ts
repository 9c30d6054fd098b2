import { after, before, it } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { addClient, type TestClient } from '../factories/code-flow.factory';
import { submitForm, waitForUrlPrefix } from '../setup/browser-pages';
import { createBrowserTestApp, type BrowserTestApp } from '../setup/browser-test-app';
import { startRedirectTarget, type RedirectTarget } from '../setup/redirect-target';
import { smtpSinkConfig, startSmtpSink, type SmtpSink } from '../setup/smtp-sink';
import { describeWithChromium, launchTestBrowser, type TestBrowser } from '../setup/test-browser';

describeWithChromium('browser: password registration with an email code', () => {
  let browser: TestBrowser;
  let app: BrowserTestApp;
  let sink: SmtpSink;
  let target: RedirectTarget;
  let client: TestClient;
  before(async () => {
    browser = await launchTestBrowser();
    sink = await startSmtpSink();
    target = await startRedirectTarget();
    app = await createBrowserTestApp({
      extraConfig: `${smtpSinkConfig(sink.port)}
account:
  password_registration_enabled: true
passwords:
  minimum_complexity: 3
branding:
  tos_uri: https://example.test/tos
`,
    });
    client = await addClient(app.running.app, {
      tokenEndpointAuthMethod: 'none',
      applicationType: 'native',
      clientName: 'Loopback App',
      redirectUris: ['http://127.0.0.1/callback'],
    });
  });
  after(async () => {
    await app?.close();
    await sink?.close();
    await target?.close();
    await browser?.close();
  });

  it('should register from prompt=create, confirm the mailed code and land back in the authorization', async () => {
    const page = await browser.newPage();
    const q = new URLSearchParams({
      client_id: client.id,
      redirect_uri: target.url(),
      response_type: 'code',
      scope: 'openid urn:matrix:client:api:*',
      state: 'reg-state',
      prompt: 'create',
      code_challenge: createHash('sha256')
        .update(randomBytes(32).toString('base64url'))
        .digest('base64url'),
      code_challenge_method: 'S256',
    });
    await page.goto(app.url(`/authorize?${q.toString()}`));
    await waitForUrlPrefix(page, app.url('/register/password'));
    assert.equal(await page.locator('h1').innerText(), 'Create your account');

    await page.getByLabel('Username').fill('browserbie');
    await page.getByLabel('Email address').fill('browserbie@mail.test');
    await page.getByLabel('Password', { exact: true }).fill('password');
    // The strength meter (progressive enhancement) judges as the server does.
    await page.locator('#password-strength-label').waitFor({ state: 'visible' });
    await page.locator('#password-strength-text', { hasText: /^very weak$/ }).waitFor();
    await page.getByLabel('Password', { exact: true }).fill('Tq9#vL2!mZ8@pW-horse');
    await page.locator('#password-strength-text', { hasText: /^very strong$/ }).waitFor();
    await page.getByLabel('Confirm the password').fill('Tq9#vL2!mZ8@pW-horse');
    await page.getByLabel('I accept the terms of service').check();
    const codePage = await submitForm(
      page,
      page.getByRole('button', { name: 'Create the account' }),
    );
    assert.equal(codePage.status(), 200);
    assert.match(
      await page.locator('main').innerText(),
      /We sent a 6-digit code to browserbie@mail\.test/,
    );

    const [mail] = await sink.waitForMailsTo('browserbie@mail.test');
    const code = /\b(\d{6})\b/.exec(mail.text)?.[1] ?? '';
    await page.getByLabel('6-digit code').fill(code);
    const namePage = await submitForm(page, page.getByRole('button', { name: 'Confirm' }));
    assert.equal(namePage.status(), 200);
    assert.equal(await page.locator('h1').innerText(), 'Choose a display name');
    await page.getByLabel('Display name').fill('Browser Bie');
    const consent = await submitForm(page, page.getByRole('button', { name: 'Continue' }));
    assert.equal(consent.status(), 200);
    assert.match(page.url(), /\/consent\/[0-7][0-9A-Z]{25}$/);
    assert.match(
      await page.locator('main').innerText(),
      /Loopback App wants to access your account/,
    );

    await page.getByRole('button', { name: 'Continue' }).click();
    const callback = await target.first();
    assert.equal(callback.searchParams.get('state'), 'reg-state');
    assert.match(callback.searchParams.get('code') ?? '', /^[A-Za-z0-9]{32}$/);
  });
});
