import type { Page } from 'playwright-core';
import { UserAccounts } from '../../src/users/user-accounts.service';
import { addClient } from '../factories/code-flow.factory';
import { signIn, submitForm } from './browser-pages';
import { createBrowserTestApp, type BrowserTestApp } from './browser-test-app';
import type { TestBrowser } from './test-browser';

/** Who looks at a page: nobody signed in, a user, or an admin. */
export type Viewer = 'anonymous' | 'user' | 'admin';

export interface CataloguedPage {
  path: string;
  viewer: Viewer;
  /** The status the page answers that viewer. */
  status: number;
  /** For a page reached by filling a form: done after opening `path`, it ends on the page. */
  reach?: (page: Page) => Promise<void>;
}

let registrations = 0;

/**
 * An authorization request of `clientId` (a code flow with PKCE asking for the Matrix API and,
 * when given, a device) that shows a signed-in user the consent page.
 */
export function consentPath(clientId: string, redirectUri: string, deviceId?: string): string {
  const device = deviceId ? ` urn:matrix:org.matrix.msc2967.client:device:${deviceId}` : '';
  return `/authorize?${new URLSearchParams({
    client_id: clientId,
    redirect_uri: redirectUri,
    response_type: 'code',
    scope: `openid urn:matrix:org.matrix.msc2967.client:api:*${device}`,
    state: 'catalogue',
    code_challenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
    code_challenge_method: 'S256',
  }).toString()}`;
}

/** Fills the registration form with a fresh username; the browser ends on the code page. */
export async function startRegistration(page: Page): Promise<void> {
  registrations += 1;
  await page.locator('input[name=username]').fill(`newcomer${registrations}`);
  await page.locator('input[name=email]').fill(`newcomer${registrations}@mail.test`);
  await page.locator('input[name=password]').fill('Tq9#vL2!mZ8@pW-horse');
  await page.locator('input[name=password_confirm]').fill('Tq9#vL2!mZ8@pW-horse');
  await page.locator('input[name=accept_terms]').check();
  const done = await submitForm(page);
  if (!/\/register\/steps\/[^/]+\/verify-email$/.test(page.url())) {
    throw new Error(`registration did not reach the code page (${done.status()} ${page.url()})`);
  }
}

/** Adds an address on /account/emails; the browser ends on the code page. */
async function startAddingEmail(page: Page): Promise<void> {
  registrations += 1;
  await page.locator('input[name=email]').fill(`second${registrations}@mail.test`);
  const done = await submitForm(page, page.getByRole('button', { name: 'Send a code' }));
  if (!/\/account\/emails\/[^/]+\/verify$/.test(page.url())) {
    throw new Error(`adding an email did not reach the code page (${done.status()} ${page.url()})`);
  }
}

/** The app with every page switched on, and the pages people see (the page-wide browser tests). */
export interface PageCatalogue {
  app: BrowserTestApp;
  pages: CataloguedPage[];
  /** A fresh browser page, signed in as `viewer`. */
  pageAs(
    browser: TestBrowser,
    viewer: Viewer,
    options?: Parameters<TestBrowser['newPage']>[0],
  ): Promise<Page>;
}

const PASSWORDS: Record<Exclude<Viewer, 'anonymous'>, [string, string]> = {
  user: ['alice', 'alice password 1'],
  admin: ['root', 'root password 1'],
};

/**
 * Starts the app with recovery, the device grant and branding on, a user (alice), an admin
 * (root) and a client; lists every page with the viewer who normally sees it.
 */
export async function startPageCatalogue(): Promise<PageCatalogue> {
  const app = await createBrowserTestApp({
    extraConfig: `
account:
  password_recovery_enabled: true
  password_registration_enabled: true
oauth:
  device_code_grant_enabled: true
branding:
  service_name: Example Chat
  policy_uri: https://example.test/privacy
  tos_uri: https://example.test/terms
  imprint: Example Ltd
`,
  });
  try {
    return {
      app,
      pages: await cataloguePages(app),
      pageAs: async (browser, viewer, options) => {
        const page = await browser.newPage(options);
        if (viewer !== 'anonymous') await signIn(page, app, ...PASSWORDS[viewer]);
        return page;
      },
    };
  } catch (error) {
    await app.close();
    throw error;
  }
}

/** Seeds the users and the client, and lists the pages with who sees them. */
async function cataloguePages(app: BrowserTestApp): Promise<CataloguedPage[]> {
  const accounts = app.running.app.get(UserAccounts);
  const alice = await accounts.register({
    username: 'alice',
    password: PASSWORDS.user[1],
    emails: ['alice@mail.test'],
  });
  await accounts.register({ username: 'root', password: PASSWORDS.admin[1], admin: true });
  const client = await addClient(app.running.app, {
    clientName: 'Example Client',
    redirectUris: ['https://client.example.test/callback'],
  });
  const consent = consentPath(client.id, 'https://client.example.test/callback');
  return [
    { path: '/', viewer: 'anonymous', status: 200 },
    { path: '/login', viewer: 'anonymous', status: 200 },
    { path: '/recover', viewer: 'anonymous', status: 200 },
    { path: '/register/password', viewer: 'anonymous', status: 200 },
    { path: '/register/password', viewer: 'anonymous', status: 200, reach: startRegistration },
    { path: '/no-such-page', viewer: 'anonymous', status: 404 },
    { path: '/', viewer: 'user', status: 200 },
    { path: '/link', viewer: 'user', status: 200 },
    { path: consent, viewer: 'user', status: 200 },
    { path: '/account', viewer: 'user', status: 200 },
    { path: '/account', viewer: 'admin', status: 200 },
    { path: '/account/password', viewer: 'user', status: 200 },
    { path: '/account/emails', viewer: 'user', status: 200 },
    { path: '/account/emails', viewer: 'user', status: 200, reach: startAddingEmail },
    { path: '/account/sessions', viewer: 'user', status: 200 },
    { path: '/account/deactivate', viewer: 'user', status: 200 },
    { path: '/account/cross-signing-reset', viewer: 'user', status: 200 },
    { path: '/account?action=org.matrix.sessions_list', viewer: 'user', status: 200 },
    { path: '/account/admin', viewer: 'user', status: 403 },
    { path: '/account/admin', viewer: 'admin', status: 200 },
    { path: '/account/admin?q=ali&state=active', viewer: 'admin', status: 200 },
    { path: `/account/admin/users/${alice.id}`, viewer: 'admin', status: 200 },
    { path: '/account/admin/registration-tokens', viewer: 'admin', status: 200 },
    { path: '/account/admin/policy-data', viewer: 'admin', status: 200 },
  ];
}
