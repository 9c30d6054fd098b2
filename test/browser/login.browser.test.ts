import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { UserAccounts } from '../../src/users/user-accounts.service';
import { fillLoginForm, signIn, submitForm } from '../setup/browser-pages';
import { createBrowserTestApp, type BrowserTestApp } from '../setup/browser-test-app';
import { startLoopbackServer, type LoopbackServer } from '../setup/loopback-server';
import { describeWithChromium, launchTestBrowser, type TestBrowser } from '../setup/test-browser';

/** What the callbacks run in the page use of its globals (the build has no DOM types). */
declare const document: {
  cookie: string;
  querySelector(selector: string): { remove(): void } | null;
};
declare const window: { appLoaded?: boolean; controlLoaded?: boolean };

/** The visible text of the page's main content. */
function mainText(page: Page): Promise<string> {
  return page.locator('main').innerText();
}

async function sessionCookieOf(page: Page, app: BrowserTestApp) {
  const cookies = await page.context().cookies(app.baseUrl);
  return cookies.find((c) => c.name === 'mas-session');
}

describeWithChromium('browser: password login', () => {
  let browser: TestBrowser;
  let app: BrowserTestApp;
  before(async () => {
    browser = await launchTestBrowser();
    app = await createBrowserTestApp();
    await app.running.app
      .get(UserAccounts)
      .register({ username: 'alice', password: 'correct horse' });
  });
  after(async () => {
    await app?.close();
    await browser?.close();
  });

  it('should sign in through the form and land on / saying who is signed in', async () => {
    const page = await browser.newPage();
    const landed = await signIn(page, app, 'alice', 'correct horse');
    assert.equal(landed.status(), 200);
    assert.equal(page.url(), app.baseUrl);
    const post = landed.request().redirectedFrom();
    assert.equal(post?.method(), 'POST');
    assert.equal(post?.url(), app.url('/login'));
    assert.equal((await post?.response())?.status(), 303);
    assert.match(await mainText(page), /You are signed in as alice\./);
  });

  it('should keep the session in an HttpOnly, SameSite=Lax cookie on the path of public_base', async () => {
    const page = await browser.newPage();
    await signIn(page, app, 'alice', 'correct horse');
    const cookie = await sessionCookieOf(page, app);
    assert.ok(cookie, 'the browser stored mas-session');
    assert.equal(cookie.httpOnly, true);
    assert.equal(cookie.sameSite, 'Lax');
    assert.equal(cookie.path, '/');
    assert.equal(cookie.domain, '127.0.0.1');
    assert.equal(cookie.secure, false, 'public_base is http here');
    assert.doesNotMatch(await page.evaluate(() => document.cookie), /mas-session/);
  });

  it('should show the error on a wrong password and stay signed out', async () => {
    const page = await browser.newPage();
    const answer = await signIn(page, app, 'alice', 'wrong horse');
    assert.equal(answer.status(), 400);
    assert.equal(page.url(), app.url('/login'));
    const alert = page.getByRole('alert');
    assert.match(await alert.innerText(), /The username or password is not correct/);
    assert.equal(await page.locator('input[name=username]').inputValue(), 'alice');
    assert.equal(await page.locator('input[name=password]').inputValue(), '');
    await page.goto(app.baseUrl);
    assert.match(await mainText(page), /You are not signed in\./);
  });

  it('should sign out with the button and not know the browser afterwards', async () => {
    const page = await browser.newPage();
    await signIn(page, app, 'alice', 'correct horse');
    const signedIn = await sessionCookieOf(page, app);
    const landed = await submitForm(page, page.getByRole('button', { name: 'Sign out' }));
    assert.equal(landed.status(), 200);
    assert.equal(page.url(), app.url('/login'));
    assert.equal(await page.locator('input[name=username]').count(), 1);
    assert.notEqual((await sessionCookieOf(page, app))?.value, signedIn?.value);
    await page.goto(app.baseUrl);
    assert.match(await mainText(page), /You are not signed in\./);
  });

  it('should refuse a form without its CSRF field with the expired-form page (403)', async () => {
    const page = await browser.newPage();
    await page.goto(app.url('/login'));
    const removed = await page.evaluate(() => {
      const field = document.querySelector('input[name=csrf]');
      field?.remove();
      return field !== null;
    });
    assert.equal(removed, true, 'the form had a CSRF field');
    await fillLoginForm(page, 'alice', 'correct horse');
    const answer = await submitForm(page);
    assert.equal(answer.status(), 403);
    assert.equal(answer.request().method(), 'POST');
    assert.equal(await page.locator('h1').innerText(), 'This form has expired');
    await page.goto(app.baseUrl);
    assert.match(await mainText(page), /You are not signed in\./);
  });

  describe('framing by another origin', () => {
    let framer: LoopbackServer;
    before(async () => {
      // Frames the login page and, as a control, a page of its own with a password field.
      framer = await startLoopbackServer((req, res) => {
        res.setHeader('Content-Type', 'text/html; charset=utf-8');
        if (req.url === '/control') {
          res.end('<!doctype html><form><input name="password" type="password"></form>');
          return;
        }
        res.end(`<!doctype html><title>framer</title>
<iframe id="app" src="${app.url('/login')}" onload="window.appLoaded = true"></iframe>
<iframe id="control" src="/control" onload="window.controlLoaded = true"></iframe>`);
      });
    });
    after(async () => {
      await framer?.close();
    });

    it('should not render the login form inside a frame of another origin', async () => {
      const page = await browser.newPage();
      const served = page.waitForResponse(app.url('/login'));
      await page.goto(`${framer.origin}/`);
      const response = await served;
      assert.equal(response.status(), 200, 'the app answered the framed request');
      assert.equal(response.headers()['x-frame-options'], 'DENY');
      await page.waitForFunction(() => window.appLoaded === true && window.controlLoaded === true);
      const frameOf = async (id: string) => {
        const frame = await (await page.$(`iframe#${id}`))?.contentFrame();
        assert.ok(frame, `iframe#${id} has a frame`);
        return frame;
      };
      const control = await frameOf('control');
      assert.equal(await control.locator('input[name=password]').count(), 1, 'control renders');
      const framed = await frameOf('app');
      assert.equal(await framed.locator('input[name=password]').count(), 0);
      assert.notEqual(framed.url(), app.url('/login'));
    });
  });
});

describeWithChromium('browser: login under a listener prefix', () => {
  let browser: TestBrowser;
  let app: BrowserTestApp;
  before(async () => {
    browser = await launchTestBrowser();
    app = await createBrowserTestApp({
      extraConfig: `
http:
  listeners:
    - name: web
      prefix: /auth
      resources:
        - name: human
      binds:
        - host: 127.0.0.1
          port: 0
`,
    });
    await app.running.app.get(UserAccounts).register({ username: 'bob', password: 'bob pw' });
  });
  after(async () => {
    await app?.close();
    await browser?.close();
  });

  it('should sign in under the prefix and scope the cookie to the path of public_base', async () => {
    assert.match(app.baseUrl, /^http:\/\/127\.0\.0\.1:\d+\/auth\/$/);
    const page = await browser.newPage();
    const landed = await signIn(page, app, 'bob', 'bob pw');
    assert.equal(landed.status(), 200);
    assert.equal(page.url(), app.baseUrl);
    assert.match(await mainText(page), /You are signed in as bob\./);
    const cookie = await sessionCookieOf(page, app);
    assert.equal(cookie?.path, '/auth');
    assert.equal(cookie?.httpOnly, true);
    assert.equal(cookie?.sameSite, 'Lax');
  });
});
