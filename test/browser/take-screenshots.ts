// Writes the screenshots of the main pages kept in docs/screenshots/ (not a test: run it with
// `npm run screenshots` after changing a page). A real app on PGlite or DATABASE_URL, headless
// Chromium, a desktop and a phone viewport.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { UserAccounts } from '../../src/users/user-accounts.service';
import { addClient } from '../factories/code-flow.factory';
import { signIn } from '../setup/browser-pages';
import { createBrowserTestApp, type BrowserTestApp } from '../setup/browser-test-app';
import { launchTestBrowser } from '../setup/test-browser';

const OUT = join(__dirname, '..', '..', '..', 'docs', 'screenshots');

interface Shot {
  name: string;
  /** Opens the page to capture in a fresh, anonymous browser page. */
  open(page: Page, app: BrowserTestApp): Promise<unknown>;
}

async function asAlice(page: Page, app: BrowserTestApp, path: string) {
  await signIn(page, app, 'alice', 'alice password 1');
  await page.goto(app.url(path));
}

function shots(consentPath: string): Shot[] {
  return [
    { name: 'login', open: (page, app) => page.goto(app.url('/login')) },
    { name: 'recover', open: (page, app) => page.goto(app.url('/recover')) },
    { name: 'consent', open: (page, app) => asAlice(page, app, consentPath) },
    { name: 'account', open: (page, app) => asAlice(page, app, '/account') },
    { name: 'device-link', open: (page, app) => asAlice(page, app, '/link') },
  ];
}

async function main(): Promise<void> {
  mkdirSync(OUT, { recursive: true });
  const browser = await launchTestBrowser();
  const app = await createBrowserTestApp({
    extraConfig: `
account:
  password_recovery_enabled: true
oauth:
  device_code_grant_enabled: true
branding:
  service_name: Example Chat
  policy_uri: https://example.test/privacy
  tos_uri: https://example.test/terms
`,
  });
  try {
    await app.running.app.get(UserAccounts).register({
      username: 'alice',
      password: 'alice password 1',
      emails: ['alice@example.test'],
    });
    const client = await addClient(app.running.app, {
      clientName: 'Element',
      redirectUris: ['https://app.element.test/callback'],
    });
    const consentPath = `/authorize?${new URLSearchParams({
      client_id: client.id,
      redirect_uri: 'https://app.element.test/callback',
      response_type: 'code',
      scope:
        'openid urn:matrix:org.matrix.msc2967.client:api:* urn:matrix:org.matrix.msc2967.client:device:ABCDEFGHIJ',
      state: 'screenshot',
      code_challenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
      code_challenge_method: 'S256',
    }).toString()}`;
    for (const shot of shots(consentPath)) {
      for (const [suffix, viewport] of [
        ['desktop', { width: 1024, height: 720 }],
        ['phone', { width: 390, height: 844 }],
      ] as const) {
        const page = await browser.newPage({ viewport });
        await shot.open(page, app);
        const file = join(OUT, `${shot.name}-${suffix}.png`);
        await page.screenshot({ path: file, fullPage: true });
        console.log(`wrote ${file}`);
        await page.context().close();
      }
    }
  } finally {
    await app.close();
    await browser.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
