import { after, before, beforeEach, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { DataSource } from 'typeorm';
import { UserAccounts } from '../../src/users/user-accounts.service';
import { RecordingHomeserver } from '../fakes/recording-homeserver';
import { fillLoginForm, signIn, submitForm } from '../setup/browser-pages';
import { createBrowserTestApp, type BrowserTestApp } from '../setup/browser-test-app';
import { queueIdle } from '../setup/job-rows';
import { describeWithChromium, launchTestBrowser, type TestBrowser } from '../setup/test-browser';
import { waitFor } from '../setup/wait-for';

const PASSWORD = 'correct horse battery staple';
const NEW_PASSWORD = 'violet kangaroo juggles tidal marmalade';

function mainText(page: Page): Promise<string> {
  return page.locator('main').innerText();
}

describeWithChromium('browser: the account pages', () => {
  let browser: TestBrowser;
  let app: BrowserTestApp;
  let fake: RecordingHomeserver;
  let n = 0;

  before(async () => {
    browser = await launchTestBrowser();
    fake = await RecordingHomeserver.start({ serverName: 'example.test' });
    app = await createBrowserTestApp({
      extraConfig: `matrix:\n  homeserver: example.test\n  endpoint: "${fake.endpoint}"\n`,
    });
  });
  after(async () => {
    await app?.close();
    await fake?.close();
    await browser?.close();
  });
  beforeEach(() => {
    fake.reset();
  });

  async function newUser(): Promise<string> {
    n += 1;
    const username = `walker${n}`;
    await app.running.app.get(UserAccounts).register({ username, password: PASSWORD });
    return username;
  }

  /** A legacy Matrix login of `username` holding device `deviceId`. */
  async function compatLogin(username: string, deviceId: string): Promise<void> {
    const res = await fetch(app.url('/_matrix/client/v3/login'), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        type: 'm.login.password',
        identifier: { type: 'm.id.user', user: username },
        password: PASSWORD,
        device_id: deviceId,
      }),
    });
    assert.equal(res.status, 200, await res.text());
  }

  it('should rename a session and then end it, and the homeserver follows', async () => {
    const username = await newUser();
    await compatLogin(username, 'WALKDEVICE');
    const page = await browser.newPage();
    assert.equal((await signIn(page, app, username, PASSWORD)).status(), 200);
    await page.goto(app.url('/account'));
    await page.getByRole('link', { name: 'Manage your sessions' }).click();
    await page.waitForURL(app.url('/account/sessions'));
    assert.match(await mainText(page), /Device WALKDEVICE/);
    await page.locator('[data-testid=app-sessions] a').first().click();
    await page.waitForURL((url) => url.pathname.startsWith('/account/sessions/'));
    assert.match(await mainText(page), /WALKDEVICE/);

    await page.getByLabel('Name', { exact: true }).fill('Kitchen tablet');
    const renamed = await submitForm(page, page.getByRole('button', { name: 'Rename' }));
    assert.equal(renamed.status(), 200);
    assert.match(await mainText(page), /The session was renamed\./);
    assert.equal(await page.locator('h1').innerText(), 'Kitchen tablet');
    assert.deepEqual(
      fake.requestsTo('/_synapse/mas/update_device_display_name').map((r) => r.body),
      [{ localpart: username, device_id: 'WALKDEVICE', display_name: 'Kitchen tablet' }],
    );

    const ended = await submitForm(
      page,
      page.getByRole('button', { name: 'Sign out this session' }),
    );
    assert.equal(ended.status(), 200);
    assert.equal(await page.locator('h1').innerText(), 'Session signed out');
    assert.match(await mainText(page), /Kitchen tablet/);
    await waitFor('the device sync', () =>
      queueIdle(app.running.app.get(DataSource), 'sync-devices'),
    );
    const syncs = fake
      .requestsTo('/_synapse/mas/sync_devices')
      .map((r) => r.body as { devices: string[] });
    assert.ok(syncs.length > 0, 'the homeserver was told the devices');
    assert.ok(!syncs.at(-1)?.devices.includes('WALKDEVICE'), JSON.stringify(syncs));

    await page.getByRole('link', { name: 'Back to your sessions' }).click();
    await page.waitForURL(app.url('/account/sessions'));
    assert.match(await mainText(page), /No app is signed in to your account\./);
  });

  it('should change the password from the profile page', async () => {
    const username = await newUser();
    const page = await browser.newPage();
    await signIn(page, app, username, PASSWORD);
    await page.goto(app.url('/account'));
    await page.getByRole('link', { name: 'Change password' }).click();
    await page.waitForURL(app.url('/account/password'));
    await page.getByLabel('Current password').fill(PASSWORD);
    await page.getByLabel('New password', { exact: true }).fill(NEW_PASSWORD);
    await page.getByLabel('New password again').fill(NEW_PASSWORD);
    const done = await submitForm(page);
    assert.equal(done.status(), 200);
    assert.equal(await page.locator('h1').innerText(), 'Password changed');

    const other = await browser.newPage();
    assert.equal((await signIn(other, app, username, PASSWORD)).status(), 400);
    assert.equal((await signIn(other, app, username, NEW_PASSWORD)).status(), 200);
  });

  it('should deactivate the account with the password and erase on the homeserver', async () => {
    const username = await newUser();
    const page = await browser.newPage();
    await signIn(page, app, username, PASSWORD);
    await page.goto(app.url('/account'));
    await page.getByRole('link', { name: 'Deactivate account' }).click();
    await page.waitForURL(app.url('/account/deactivate'));
    await page.getByLabel('Your password').fill(PASSWORD);
    await page.getByLabel('Also erase my data').check();
    const done = await submitForm(page);
    assert.equal(done.status(), 200);
    assert.equal(await page.locator('h1').innerText(), 'Account deactivated');
    assert.deepEqual(
      fake.requestsTo('/_synapse/mas/delete_user').map((r) => r.body),
      [{ localpart: username, erase: true }],
    );
    await page.goto(app.url('/account'));
    assert.equal(new URL(page.url()).pathname, '/login');
  });

  const deepLinks: [string, string, string][] = [
    ['org.matrix.profile', '/account', 'Your account'],
    ['org.matrix.devices_list', '/account/sessions', 'Your sessions'],
    ['org.matrix.sessions_list', '/account/sessions', 'Your sessions'],
    ['org.matrix.device_view', '/account/sessions/', 'DEEPLINKDV'],
    ['org.matrix.session_view', '/account/sessions/', 'DEEPLINKDV'],
    ['org.matrix.device_delete', '/account/sessions/', 'Do you want to sign this session out?'],
    ['org.matrix.session_end', '/account/sessions/', 'Do you want to sign this session out?'],
    ['org.matrix.account_deactivate', '/account/deactivate', 'Deactivate your account'],
    ['org.matrix.cross_signing_reset', '/account/cross-signing-reset', 'cross-signing'],
  ];
  for (const [action, path, shown] of deepLinks) {
    it(`should take an anonymous browser through login to ${action}`, async () => {
      const username = await newUser();
      await compatLogin(username, 'DEEPLINKDV');
      const page = await browser.newPage();
      await page.goto(app.url(`/account?action=${action}&device_id=DEEPLINKDV`));
      assert.equal(new URL(page.url()).pathname, '/login');
      await fillLoginForm(page, username, PASSWORD);
      const landed = await submitForm(page);
      assert.equal(landed.status(), 200);
      const url = new URL(page.url());
      assert.ok(url.pathname.startsWith(path), `${url.pathname} is ${path}`);
      if (path === '/account') assert.equal(url.pathname, '/account');
      assert.match(await mainText(page), new RegExp(shown.replace(/[?.]/g, '\\$&')));
    });
  }
});
