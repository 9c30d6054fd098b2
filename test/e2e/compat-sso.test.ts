import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DataSource } from 'typeorm';
import { CompatSsoLoginEntity } from '../../src/storage/compat/compat-sso-login.entity';
import { addCompatUser, PASSWORD } from '../factories/compat.factory';
import { FormBrowser, localPath } from '../factories/form-browser';
import { createTestApp, type TestApp } from '../setup/test-app';
import { TEST_PUBLIC_BASE } from '../setup/test-config';

const CLIENT_TARGET = 'https://client.example/sso-done?state=abc';

describe('legacy SSO login: /login/sso/redirect → browser sign-in and confirmation → m.login.token', () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp();
    await addCompatUser(t.running.app, 'sso-user');
  });
  after(async () => {
    await t.close();
  });

  const start = (redirectUrl: string, path = '/_matrix/client/v3/login/sso/redirect') =>
    t.http().get(`${path}?${new URLSearchParams({ redirectUrl }).toString()}`);
  const ds = () => t.running.app.get(DataSource);

  /** Starts an SSO login, signs in and confirms; returns the client redirect and the page. */
  async function completeSso(
    browser: FormBrowser,
    path?: string,
  ): Promise<{ redirect: URL; completePath: string }> {
    const started = await start(CLIENT_TARGET, path).expect(302);
    const completePath = localPath(started, TEST_PUBLIC_BASE);
    assert.match(completePath, /^\/complete-compat-sso\/[0-9A-Z]{26}$/);
    const first = await browser.get(completePath);
    if (first.status === 303) {
      await browser.signIn('sso-user', PASSWORD, localPath(first, TEST_PUBLIC_BASE));
    }
    const confirm = await browser.get(completePath);
    assert.equal(confirm.status, 200);
    assert.match(confirm.text, /client\.example/, 'the page names the redirect target');
    assert.match(confirm.text, /@sso-user:/);
    const done = await browser.post(completePath, { action: 'continue' }, confirm);
    assert.equal(done.status, 303);
    return { redirect: new URL(done.headers.location), completePath };
  }

  it('should redirect to the client with a loginToken that logs in once', async () => {
    const { redirect } = await completeSso(new FormBrowser(t));
    assert.equal(redirect.origin + redirect.pathname, 'https://client.example/sso-done');
    assert.equal(redirect.searchParams.get('state'), 'abc', 'the client query is kept');
    const loginToken = redirect.searchParams.get('loginToken');
    assert.match(loginToken ?? '', /^[A-Za-z0-9]{32}$/);
    const res = await t
      .http()
      .post('/_matrix/client/v3/login')
      .send({ type: 'm.login.token', token: loginToken, initial_device_display_name: 'Legacy' })
      .expect(200);
    assert.match(res.body.user_id, /^@sso-user:/);
    assert.match(res.body.access_token, /^mct_/);
    const replay = await t
      .http()
      .post('/_matrix/client/v3/login')
      .send({ type: 'm.login.token', token: loginToken })
      .expect(403);
    assert.equal(replay.body.errcode, 'M_FORBIDDEN');
  });

  it('should give exactly one session when the login token is exchanged twice at once', async () => {
    const { redirect } = await completeSso(new FormBrowser(t));
    const token = redirect.searchParams.get('loginToken');
    const [a, b] = await Promise.all(
      [0, 1].map(() =>
        t.http().post('/_matrix/client/v3/login').send({ type: 'm.login.token', token }),
      ),
    );
    assert.deepEqual([a.status, b.status].sort(), [200, 403]);
  });

  it('should refuse a login token more than 30 s after the browser step', async () => {
    const { redirect, completePath } = await completeSso(new FormBrowser(t));
    const id = completePath.split('/').pop()!;
    await ds()
      .getRepository(CompatSsoLoginEntity)
      .update({ id }, { fulfilledAt: new Date(Date.now() - 31_000) });
    const res = await t
      .http()
      .post('/_matrix/client/v3/login')
      .send({ type: 'm.login.token', token: redirect.searchParams.get('loginToken') })
      .expect(403);
    assert.equal(res.body.errcode, 'M_FORBIDDEN');
  });

  it('should accept the identity-provider form of the path and ignore its idp id', async () => {
    const { redirect } = await completeSso(
      new FormBrowser(t),
      '/_matrix/client/r0/login/sso/redirect/oidc-github',
    );
    assert.ok(redirect.searchParams.get('loginToken'));
  });

  it('should refuse a missing or unusable redirectUrl with a Matrix error', async () => {
    const missing = await t.http().get('/_matrix/client/v3/login/sso/redirect').expect(400);
    assert.equal(missing.body.errcode, 'M_MISSING_PARAM');
    for (const bad of [
      'not a url',
      '/relative/path',
      'https://user:pass@client.example/',
      'javascript:alert(1)',
      'data:text/html,hi',
    ]) {
      const res = await start(bad);
      assert.equal(res.status, 400, bad);
      assert.equal(res.body.errcode, 'M_INVALID_PARAM', bad);
    }
    const twice = await t
      .http()
      .get(
        '/_matrix/client/v3/login/sso/redirect?redirectUrl=https://a.example/&redirectUrl=https://b.example/',
      )
      .expect(400);
    assert.equal(twice.body.errcode, 'M_INVALID_PARAM');
    await start('io.element.app:/callback').expect(302);
  });

  it('should refuse the confirmation without its CSRF token, and let the person cancel', async () => {
    const browser = new FormBrowser(t);
    await browser.signIn('sso-user', PASSWORD);
    const started = await start(CLIENT_TARGET).expect(302);
    const completePath = localPath(started, TEST_PUBLIC_BASE);
    const page = await browser.get(completePath);
    assert.equal(page.status, 200);
    const forged = await browser.post(completePath, { action: 'continue' });
    assert.equal(forged.status, 403);
    const cancelled = await browser.post(completePath, { action: 'cancel' }, page);
    assert.equal(cancelled.status, 200);
    assert.match(cancelled.text, /cancelled/i);
  });

  it('should show readable pages for unknown, answered and expired logins', async () => {
    const browser = new FormBrowser(t);
    await browser.signIn('sso-user', PASSWORD);
    const unknown = await browser.get('/complete-compat-sso/01J00000000000000000000000');
    assert.equal(unknown.status, 404);
    assert.match(unknown.headers['content-type'], /text\/html/);
    const garbage = await browser.get('/complete-compat-sso/not-an-id');
    assert.equal(garbage.status, 404);
    const { completePath } = await completeSso(browser);
    const answered = await browser.get(completePath);
    assert.equal(answered.status, 400);
    const started = await start(CLIENT_TARGET).expect(302);
    const stalePath = localPath(started, TEST_PUBLIC_BASE);
    await ds()
      .getRepository(CompatSsoLoginEntity)
      .update(
        { id: stalePath.split('/').pop()! },
        { createdAt: new Date(Date.now() - 31 * 60_000) },
      );
    const expired = await browser.get(stalePath);
    assert.equal(expired.status, 400);
    assert.match(expired.text, /expired/i);
  });
});
