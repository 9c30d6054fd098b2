import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { UserAccounts } from '../../src/users/user-accounts.service';
import { FormBrowser, localPath } from '../factories/form-browser';
import { createTestApp, type TestApp } from '../setup/test-app';
import { TEST_PUBLIC_BASE } from '../setup/test-config';

describe('account page (MSC4191 account_management_uri)', () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp();
    await t.running.app.get(UserAccounts).register({ username: 'erin', password: 'erin pw' });
  });
  after(async () => {
    await t.close();
  });

  it('should advertise /account as account_management_uri', async () => {
    const res = await t.http().get('/.well-known/openid-configuration').expect(200);
    assert.equal(res.body.account_management_uri, `${TEST_PUBLIC_BASE}account`);
  });

  it('should send a browser without a session to the login page, which returns to /account', async () => {
    const browser = new FormBrowser(t);
    const res = await browser.get('/account');
    assert.equal(res.status, 303);
    assert.equal(res.headers['cache-control'], 'no-store');
    const login = localPath(res, TEST_PUBLIC_BASE);
    assert.equal(login, '/login?next=%2Faccount');
    const signedIn = await browser.signIn('erin', 'erin pw', login);
    assert.equal(localPath(signedIn, TEST_PUBLIC_BASE), '/account');
  });

  it('should show the signed-in user and their Matrix ID, with a sign-out form', async () => {
    const browser = new FormBrowser(t);
    await browser.signIn('erin', 'erin pw');
    const res = await browser.get('/account');
    assert.equal(res.status, 200);
    assert.match(res.headers['content-type'], /^text\/html; charset=utf-8/);
    assert.equal(res.headers['cache-control'], 'no-store');
    assert.match(res.text, /<dd>erin<\/dd>/);
    assert.match(res.text, /<dd>@erin:example\.test<\/dd>/);
    assert.match(res.text, /<form method="post" action="https:\/\/auth\.example\.test\/logout">/);
    assert.match(res.text, /name="csrf" value="[A-Za-z0-9_-]{43}"/);
  });

  it('should sign out from the form it shows and then ask to sign in again', async () => {
    const browser = new FormBrowser(t);
    await browser.signIn('erin', 'erin pw');
    const account = await browser.get('/account');
    const out = await browser.post('/logout', {}, account);
    assert.equal(out.status, 303);
    assert.equal(localPath(out, TEST_PUBLIC_BASE), '/login');
    const again = await browser.get('/account');
    assert.equal(again.status, 303);
    assert.equal(localPath(again, TEST_PUBLIC_BASE), '/login?next=%2Faccount');
  });

  it('should not be served on a listener without the human resource', async () => {
    await t.http('internal').get('/account').expect(404);
  });
});
