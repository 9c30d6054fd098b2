// Writes the screenshots of the main pages kept in docs/screenshots/ and shown in
// docs/screenshots.md (not a test: run `npm run screenshots` after changing a page). A real app
// on PGlite (or DATABASE_URL), a recording fake homeserver, headless Chromium; each page on a
// desktop (`<name>.png`) and a phone (`<name>-phone.png`).
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContextOptions, Page } from 'playwright-core';
import { UserAccounts } from '../../src/users/user-accounts.service';
import { addClient } from '../factories/code-flow.factory';
import { RecordingHomeserver } from '../fakes/recording-homeserver';
import { signIn } from '../setup/browser-pages';
import { consentPath, startRegistration } from '../setup/page-catalogue';
import { createBrowserTestApp, type BrowserTestApp } from '../setup/browser-test-app';
import { launchTestBrowser } from '../setup/test-browser';

const OUT = join(__dirname, '..', '..', '..', 'docs', 'screenshots');
const ALICE: [string, string] = ['alice', 'alice password 1'];
const ROOT: [string, string] = ['root', 'root password 1'];

interface Shot {
  name: string;
  viewer: Viewer;
  path: string;
  /** What to do on the page before the capture. */
  then?(page: Page): Promise<unknown>;
}

type Viewer = 'anonymous' | 'alice' | 'root';

function shots(ids: { consent: string; alice: string }): Shot[] {
  return [
    { name: 'login', viewer: 'anonymous', path: '/login' },
    { name: 'recover', viewer: 'anonymous', path: '/recover' },
    { name: 'register', viewer: 'anonymous', path: '/register/password' },
    {
      name: 'register-verify-email',
      viewer: 'anonymous',
      path: '/register/password',
      then: startRegistration,
    },
    { name: 'consent', viewer: 'alice', path: ids.consent },
    { name: 'device-link', viewer: 'alice', path: '/link' },
    { name: 'account-profile', viewer: 'alice', path: '/account' },
    { name: 'account-emails', viewer: 'alice', path: '/account/emails' },
    { name: 'account-sessions', viewer: 'alice', path: '/account/sessions' },
    {
      name: 'account-session',
      viewer: 'alice',
      path: '/account/sessions',
      then: async (page) => {
        await page.locator('li[data-session-id] a').first().click();
        await page.waitForLoadState('load');
      },
    },
    { name: 'account-password', viewer: 'alice', path: '/account/password' },
    { name: 'account-deactivate', viewer: 'alice', path: '/account/deactivate' },
    { name: 'account-cross-signing-reset', viewer: 'alice', path: '/account/cross-signing-reset' },
    { name: 'admin-users', viewer: 'root', path: '/account/admin' },
    { name: 'admin-user', viewer: 'root', path: `/account/admin/users/${ids.alice}` },
    {
      name: 'admin-registration-tokens',
      viewer: 'root',
      path: '/account/admin/registration-tokens',
    },
    { name: 'admin-policy-data', viewer: 'root', path: '/account/admin/policy-data' },
  ];
}

/** Alice with two devices signed in through the legacy login, so her session list has rows. */
async function seed(app: BrowserTestApp): Promise<{ consent: string; alice: string }> {
  const accounts = app.running.app.get(UserAccounts);
  const alice = await accounts.register({
    username: ALICE[0],
    password: ALICE[1],
    emails: ['alice@example.test'],
  });
  await accounts.register({ username: ROOT[0], password: ROOT[1], admin: true });
  for (const [device, agent] of [
    ['PHONE1', 'Element/1.6.10 (Android 14; Pixel 8)'],
    ['LAPTOP1', 'Mozilla/5.0 (X11; Linux x86_64) Element/1.11.80 Chrome/128.0 Electron/32.0'],
  ]) {
    await app
      .http()
      .post('/_matrix/client/v3/login')
      .set('User-Agent', agent)
      .send({
        type: 'm.login.password',
        identifier: { type: 'm.id.user', user: ALICE[0] },
        password: ALICE[1],
        device_id: device,
      })
      .expect(200);
  }
  const client = await addClient(app.running.app, {
    clientName: 'Element',
    redirectUris: ['https://app.element.test/callback'],
  });
  const consent = consentPath(client.id, 'https://app.element.test/callback', 'ABCDEFGHIJ');
  return { consent, alice: alice.id };
}

async function main(): Promise<void> {
  mkdirSync(OUT, { recursive: true });
  const browser = await launchTestBrowser();
  const homeserver = await RecordingHomeserver.start({ serverName: 'example.test' });
  const app = await createBrowserTestApp({
    extraConfig: `
matrix:
  homeserver: example.test
  endpoint: "${homeserver.endpoint}"
account:
  password_recovery_enabled: true
  password_registration_enabled: true
oauth:
  device_code_grant_enabled: true
branding:
  service_name: Example Chat
  policy_uri: https://example.test/privacy
  tos_uri: https://example.test/terms
`,
  });
  try {
    const ids = await seed(app);
    // One sign-in per person, its cookies reused by every capture (one browser session each).
    const states = new Map<Viewer, BrowserContextOptions['storageState']>();
    for (const [viewer, who] of [
      ['alice', ALICE],
      ['root', ROOT],
    ] as const) {
      const page = await browser.newPage();
      await signIn(page, app, ...who);
      states.set(viewer, await page.context().storageState());
      await page.context().close();
    }
    for (const shot of shots(ids)) {
      for (const [suffix, viewport] of [
        ['', { width: 1024, height: 720 }],
        ['-phone', { width: 390, height: 844 }],
      ] as const) {
        const page = await browser.newPage({ viewport, storageState: states.get(shot.viewer) });
        await page.goto(app.url(shot.path));
        await shot.then?.(page);
        const file = join(OUT, `${shot.name}${suffix}.png`);
        await page.screenshot({ path: file, fullPage: true });
        console.log(`wrote ${file}`);
        await page.context().close();
      }
    }
  } finally {
    await app.close();
    await homeserver.close();
    await browser.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
