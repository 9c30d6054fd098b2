import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { UserAccounts } from '../../src/users/user-accounts.service';
import { PASSWORD } from '../factories/compat.factory';
import { FormBrowser } from '../factories/form-browser';
import { createTestApp, type TestApp } from '../setup/test-app';

/** Three password checks per account, then one every 1000 s: the login plus two re-checks. */
const STRICT = `
rate_limiting:
  login:
    per_ip:
      burst: 1000
      per_second: 1000
    per_account:
      burst: 3
      per_second: 0.001
`;

describe('password re-checks on the account pages are rate limited like logins', () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp(STRICT);
  });
  after(async () => {
    await t.close();
  });

  const strong = 'violet kangaroo juggles tidal marmalade';
  for (const [path, fields, correct] of [
    [
      '/account/password',
      { current_password: 'guess', password: strong, password_confirm: strong },
      { current_password: PASSWORD, password: strong, password_confirm: strong },
    ],
    ['/account/deactivate', { password: 'guess' }, { password: PASSWORD }],
  ] as const) {
    it(`should answer 429 with Retry-After, even to the right password, once ${path} has checked too many`, async () => {
      const username = path.includes('password') ? 'rlpass' : 'rldeact';
      await t.running.app.get(UserAccounts).register({ username, password: PASSWORD });
      const browser = new FormBrowser(t);
      await browser.signIn(username, PASSWORD);
      let page = await browser.get(path);
      for (const expected of [400, 400]) {
        page = await browser.post(path, fields, page);
        assert.equal(page.status, expected);
      }
      const limited = await browser.post(path, correct, page);
      assert.equal(limited.status, 429);
      assert.ok(Number(limited.headers['retry-after']) > 0);
      assert.match(limited.text, /Too many attempts/);
      const user = await t.running.app.get(UserAccounts).findByUsername(username);
      assert.equal(user?.deactivatedAt, null, 'not deactivated');
      assert.equal((await browser.get('/account')).status, 200, 'still signed in');
    });
  }
});
