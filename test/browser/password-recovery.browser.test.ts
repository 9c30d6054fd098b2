import { after, before, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { UserAccounts } from '../../src/users/user-accounts.service';
import { signIn, submitForm } from '../setup/browser-pages';
import { createBrowserTestApp, type BrowserTestApp } from '../setup/browser-test-app';
import { recoveryLinkOf, smtpSinkConfig, startSmtpSink, type SmtpSink } from '../setup/smtp-sink';
import { describeWithChromium, launchTestBrowser, type TestBrowser } from '../setup/test-browser';

/** The visible text of the page's main content. */
function mainText(page: Page): Promise<string> {
  return page.locator('main').innerText();
}

describeWithChromium('browser: password recovery by email', () => {
  let browser: TestBrowser;
  let app: BrowserTestApp;
  let sink: SmtpSink;
  before(async () => {
    browser = await launchTestBrowser();
    sink = await startSmtpSink();
    app = await createBrowserTestApp({
      extraConfig: `${smtpSinkConfig(sink.port)}
account:
  password_recovery_enabled: true
`,
    });
    await app.running.app
      .get(UserAccounts)
      .register({ username: 'alice', password: 'forgotten pw', emails: ['alice@mail.test'] });
  });
  after(async () => {
    await app?.close();
    await sink?.close();
    await browser?.close();
  });

  it('should reset a forgotten password from the login page, with the link from the mail', async () => {
    const page = await browser.newPage();
    await page.goto(app.url('/login'));
    await page.getByRole('link', { name: 'Forgot your password?' }).click();
    await page.waitForURL(app.url('/recover'));
    await page.getByLabel('Email address').fill('alice@mail.test');
    const sent = await submitForm(page);
    assert.equal(sent.status(), 200);
    assert.equal(await page.locator('h1').innerText(), 'Check your inbox');
    assert.match(await mainText(page), /alice@mail\.test/);

    const [mail] = await sink.waitForMailsTo('alice@mail.test');
    const link = recoveryLinkOf(mail);
    assert.ok(link.href.startsWith(app.baseUrl), `${link.href} is on ${app.baseUrl}`);

    const opened = await page.goto(link.href);
    assert.equal(opened?.status(), 200);
    assert.match(await mainText(page), /Choose a new password for @alice:example\.test/);
    await page.getByLabel('New password', { exact: true }).fill('remembered this time 7');
    await page.getByLabel('Repeat the new password').fill('remembered this time 7');
    await page.getByLabel('Sign out of all my devices and apps').check();
    const done = await submitForm(page);
    assert.equal(done.status(), 200);
    assert.equal(await page.locator('h1').innerText(), 'Your password has been changed');

    await page.getByRole('link', { name: 'Sign in' }).click();
    await page.waitForURL(app.url('/login'));
    const refused = await signIn(page, app, 'alice', 'forgotten pw');
    assert.equal(refused.status(), 400);
    const landed = await signIn(page, app, 'alice', 'remembered this time 7');
    assert.equal(landed.status(), 200);
    assert.match(await mainText(page), /You are signed in as alice\./);

    const reused = await page.goto(link.href);
    assert.equal(reused?.status(), 410);
    assert.equal(await page.locator('h1').innerText(), 'Link already used');
    await page.getByRole('link', { name: 'Start again' }).click();
    await page.waitForURL(app.url('/recover'));
  });
});
