import { after, before, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { UserAccounts } from '../../src/users/user-accounts.service';
import { addClient } from '../factories/code-flow.factory';
import { signIn } from '../setup/browser-pages';
import { createBrowserTestApp, type BrowserTestApp } from '../setup/browser-test-app';
import { accessibilityViolations, overflowsHorizontally } from '../setup/page-audit';
import { describeWithChromium, launchTestBrowser, type TestBrowser } from '../setup/test-browser';

/** Who looks at a page: nobody signed in, a user, or an admin. */
type Viewer = 'anonymous' | 'user' | 'admin';

/** The pages people see, each as the viewer who normally sees it, with the status it answers. */
const PAGES: { path: string; viewer: Viewer; status: number }[] = [
  { path: '/', viewer: 'anonymous', status: 200 },
  { path: '/login', viewer: 'anonymous', status: 200 },
  { path: '/recover', viewer: 'anonymous', status: 200 },
  { path: '/link', viewer: 'user', status: 200 },
  { path: '/no-such-page', viewer: 'anonymous', status: 404 },
  { path: '/', viewer: 'user', status: 200 },
  { path: '/account', viewer: 'user', status: 200 },
  { path: '/account', viewer: 'admin', status: 200 },
  { path: 'consent', viewer: 'user', status: 200 },
];

/** Screens and colour schemes every page must work in. */
const DISPLAYS = [
  { name: 'desktop, light', viewport: { width: 1280, height: 800 }, colorScheme: 'light' },
  { name: 'phone, dark', viewport: { width: 360, height: 740 }, colorScheme: 'dark' },
] as const;

describeWithChromium('browser: every page is accessible (WCAG 2.1 AA) and fits a phone', () => {
  let browser: TestBrowser;
  let app: BrowserTestApp;
  /** An authorization request that shows the consent page to a signed-in user. */
  let consentPath: string;
  before(async () => {
    browser = await launchTestBrowser();
    app = await createBrowserTestApp({
      extraConfig: `
account:
  password_recovery_enabled: true
oauth:
  device_code_grant_enabled: true
branding:
  service_name: Example Chat
  policy_uri: https://example.test/privacy
  tos_uri: https://example.test/terms
  imprint: Example Ltd
`,
    });
    const accounts = app.running.app.get(UserAccounts);
    await accounts.register({ username: 'alice', password: 'alice password 1' });
    await accounts.register({ username: 'root', password: 'root password 1', admin: true });
    const client = await addClient(app.running.app, {
      clientName: 'Example Client',
      redirectUris: ['https://client.example.test/callback'],
    });
    consentPath = `/authorize?${new URLSearchParams({
      client_id: client.id,
      redirect_uri: 'https://client.example.test/callback',
      response_type: 'code',
      scope: 'openid urn:matrix:org.matrix.msc2967.client:api:*',
      state: 'quality',
      code_challenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
      code_challenge_method: 'S256',
    }).toString()}`;
  });
  after(async () => {
    await app?.close();
    await browser?.close();
  });

  async function pageAs(viewer: Viewer, display: (typeof DISPLAYS)[number]): Promise<Page> {
    const page = await browser.newPage({
      viewport: display.viewport,
      colorScheme: display.colorScheme,
    });
    if (viewer === 'user') await signIn(page, app, 'alice', 'alice password 1');
    if (viewer === 'admin') await signIn(page, app, 'root', 'root password 1');
    return page;
  }

  for (const display of DISPLAYS) {
    it(`should pass axe and not scroll sideways on every page (${display.name})`, async () => {
      const problems: string[] = [];
      for (const viewer of ['anonymous', 'user', 'admin'] as const) {
        const pages = PAGES.filter((p) => p.viewer === viewer);
        if (pages.length === 0) continue;
        const page = await pageAs(viewer, display);
        for (const { path, status } of pages) {
          const response = await page.goto(app.url(path === 'consent' ? consentPath : path));
          assert.equal(response?.status(), status, `${path} as ${viewer}`);
          for (const v of await accessibilityViolations(page)) {
            problems.push(
              `${path} (${viewer}): ${v.rule} [${v.impact}] ${v.help} at ${v.targets.join(', ')}`,
            );
          }
          if (await overflowsHorizontally(page))
            problems.push(`${path} (${viewer}): wider than the screen`);
        }
        await page.context().close();
      }
      assert.deepEqual(problems, []);
    });
  }
});
