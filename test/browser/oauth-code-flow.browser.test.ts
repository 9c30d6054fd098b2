import { after, before, it } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { createLocalJWKSet, jwtVerify } from 'jose';
import { UserAccounts } from '../../src/users/user-accounts.service';
import { addClient, type TestClient } from '../factories/code-flow.factory';
import { fillLoginForm, submitForm, waitForUrlPrefix } from '../setup/browser-pages';
import { createBrowserTestApp, type BrowserTestApp } from '../setup/browser-test-app';
import { startLoopbackServer, type LoopbackServer } from '../setup/loopback-server';
import { startRedirectTarget, type RedirectTarget } from '../setup/redirect-target';
import {
  describeWithChromium,
  launchTestBrowser,
  within,
  type TestBrowser,
} from '../setup/test-browser';

const PASSWORD = 'correct horse battery';

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (body += chunk.slice(0, 10_000)));
    req.on('end', () => resolve(body));
    req.on('error', reject);
  });
}

describeWithChromium('browser: authorization code flow through login and consent', () => {
  let browser: TestBrowser;
  let app: BrowserTestApp;
  let target: RedirectTarget;
  let formPostTarget: LoopbackServer;
  let posted: Promise<URLSearchParams>;
  let client: TestClient;
  let webClient: TestClient;

  before(async () => {
    browser = await launchTestBrowser();
    target = await startRedirectTarget();
    let deliver: (form: URLSearchParams) => void = () => {};
    posted = new Promise((resolve) => (deliver = resolve));
    formPostTarget = await startLoopbackServer((req, res) => {
      void readBody(req).then((body) => {
        if (req.method === 'POST') deliver(new URLSearchParams(body));
        res.setHeader('Content-Type', 'text/html; charset=utf-8');
        res.end('<!doctype html><title>posted</title><p>posted</p>');
      });
    });
    app = await createBrowserTestApp();
    // A native public client registered with a port-less loopback URI (RFC 8252 §7.3): the
    // browser is sent to the target's ephemeral port.
    client = await addClient(app.running.app, {
      tokenEndpointAuthMethod: 'none',
      applicationType: 'native',
      clientName: 'Loopback App',
      redirectUris: ['http://127.0.0.1/callback'],
    });
    webClient = await addClient(app.running.app, {
      clientName: 'Form Post App',
      redirectUris: [`${formPostTarget.origin}/callback`],
    });
    await app.running.app.get(UserAccounts).register({ username: 'alice', password: PASSWORD });
  });
  after(async () => {
    await app?.close();
    await target?.close();
    await formPostTarget?.close();
    await browser?.close();
  });

  function authorizeUrl(c: TestClient, redirectUri: string, over: Record<string, string> = {}) {
    const verifier = randomBytes(32).toString('base64url');
    const q = new URLSearchParams({
      client_id: c.id,
      redirect_uri: redirectUri,
      response_type: 'code',
      scope:
        'openid urn:matrix:org.matrix.msc2967.client:api:* urn:matrix:org.matrix.msc2967.client:device:BROWSERDEV1',
      state: 'browser-state',
      nonce: 'browser-nonce',
      code_challenge: createHash('sha256').update(verifier).digest('base64url'),
      code_challenge_method: 'S256',
      ...over,
    });
    return { url: app.url(`/authorize?${q.toString()}`), verifier };
  }

  it('should sign in, consent with a click and hand the client a code it can redeem', async () => {
    const page = await browser.newPage();
    const { url, verifier } = authorizeUrl(client, target.url());
    await page.goto(url);
    await waitForUrlPrefix(page, app.url('/login'));
    await fillLoginForm(page, 'alice', PASSWORD);
    const consent = await submitForm(page);
    assert.equal(consent.status(), 200);
    assert.match(page.url(), /\/consent\/[0-7][0-9A-Z]{25}$/);
    const main = await page.locator('main').innerText();
    assert.match(main, /Loopback App wants to access your account/);
    assert.match(main, /Sign in as a new device \(session BROWSERDEV1\)/);
    assert.match(main, /application running on this device/);

    await page.getByRole('button', { name: 'Continue' }).click();
    const callback = await target.first();
    assert.equal(callback.pathname, '/callback');
    assert.equal(callback.searchParams.get('state'), 'browser-state');
    assert.equal(callback.searchParams.get('iss'), app.baseUrl);
    const code = callback.searchParams.get('code') ?? '';
    assert.match(code, /^[A-Za-z0-9]{32}$/);

    const tokens = await app
      .http()
      .post('/oauth2/token')
      .type('form')
      .send({
        grant_type: 'authorization_code',
        client_id: client.id,
        code,
        redirect_uri: target.url(),
        code_verifier: verifier,
      })
      .expect(200);
    const jwks = createLocalJWKSet((await app.http().get('/oauth2/keys.json')).body);
    const { payload } = await jwtVerify(tokens.body.id_token, jwks, {
      issuer: app.baseUrl,
      audience: client.id,
    });
    assert.equal(payload.nonce, 'browser-nonce');
  });

  it('should send access_denied when the person clicks Cancel', async () => {
    const page = await browser.newPage();
    const { url } = authorizeUrl(client, target.url());
    await page.goto(url);
    await fillLoginForm(page, 'alice', PASSWORD);
    await submitForm(page);
    await page.getByRole('button', { name: 'Cancel' }).click();
    await waitForUrlPrefix(page, `${target.url()}?`);
    const back = new URL(page.url());
    assert.equal(back.searchParams.get('error'), 'access_denied');
    assert.equal(back.searchParams.get('state'), 'browser-state');
    assert.equal(back.searchParams.get('iss'), app.baseUrl);
  });

  it('should post the code to the client with response_mode=form_post', async () => {
    const page = await browser.newPage();
    const { url } = authorizeUrl(webClient, `${formPostTarget.origin}/callback`, {
      response_mode: 'form_post',
    });
    await page.goto(url);
    await fillLoginForm(page, 'alice', PASSWORD);
    await submitForm(page);
    await page.getByRole('button', { name: 'Continue' }).click();
    const form = await within(posted, 'the form_post to the client');
    assert.match(form.get('code') ?? '', /^[A-Za-z0-9]{32}$/);
    assert.equal(form.get('state'), 'browser-state');
    assert.equal(form.get('iss'), app.baseUrl);
  });
});
