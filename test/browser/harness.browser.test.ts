import { after, before, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { waitForUrlPrefix } from '../setup/browser-pages';
import { startLoopbackServer, type LoopbackServer } from '../setup/loopback-server';
import { startRedirectTarget, type RedirectTarget } from '../setup/redirect-target';
import { describeWithChromium, launchTestBrowser, type TestBrowser } from '../setup/test-browser';

describeWithChromium('browser harness', () => {
  let browser: TestBrowser;
  let client: RedirectTarget;
  let server: LoopbackServer;
  before(async () => {
    browser = await launchTestBrowser();
    client = await startRedirectTarget();
    // Sends the browser on to the client's redirect_uri, as an authorization endpoint does.
    server = await startLoopbackServer((req, res) => {
      const n = new URL(req.url ?? '/', 'http://127.0.0.1').searchParams.get('n');
      res.statusCode = 303;
      res.setHeader('Location', `${client.url('/callback')}?code=c-${n}&state=s`);
      res.end();
    });
  });
  after(async () => {
    await server?.close();
    await client?.close();
    await browser?.close();
  });

  it('should follow a redirect to the redirect target and record its query', async () => {
    const page = await browser.newPage();
    await page.goto(`${server.origin}/authorize?n=1`);
    const first = await client.first();
    assert.equal(first.pathname, '/callback');
    assert.equal(first.searchParams.get('code'), 'c-1');
    assert.equal(first.searchParams.get('state'), 's');
    const landed = await waitForUrlPrefix(page, client.url('/callback'));
    assert.equal(landed.href, first.href);
    assert.match(await page.locator('body').innerText(), /redirect captured/);
    await page.goto(`${server.origin}/authorize?n=2`);
    assert.deepEqual(
      client.urls.map((u) => u.searchParams.get('code')),
      ['c-1', 'c-2'],
    );
  });

  it('should run each page in a fresh context and remove the profile on close', async () => {
    const own = await launchTestBrowser();
    const page = await own.newPage();
    await page.context().addCookies([{ name: 'x', value: '1', url: server.origin }]);
    assert.equal((await page.context().cookies(server.origin)).length, 1);
    const other = await own.newPage();
    assert.deepEqual(await other.context().cookies(server.origin), []);
    await page.goto('chrome://version');
    const profile = /--user-data-dir=(\S+)/.exec(await page.locator('body').innerText())?.[1];
    assert.ok(profile && existsSync(profile), 'chromium runs on a temporary profile');
    await own.close();
    assert.equal(existsSync(profile), false, 'the profile is removed');
  });
});
