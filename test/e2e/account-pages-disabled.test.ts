import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ulid } from 'ulid';
import { UserSessionRepository } from '../../src/storage/browser-sessions/user-session.repository';
import { UserAccounts } from '../../src/users/user-accounts.service';
import { SessionCookieCodec } from '../../src/web-session';
import { PASSWORD } from '../factories/compat.factory';
import { FormBrowser } from '../factories/form-browser';
import { RecordingHomeserver } from '../fakes/recording-homeserver';
import { createTestApp, type TestApp } from '../setup/test-app';

const SWITCHED_OFF = `
account:
  displayname_change_allowed: false
  password_change_allowed: false
  account_deactivation_allowed: false
`;

describe('account pages with their account.* switches off', () => {
  let fake: RecordingHomeserver;
  let t: TestApp;
  let browser: FormBrowser;
  before(async () => {
    fake = await RecordingHomeserver.start({ serverName: 'example.test' });
    t = await createTestApp([
      `matrix:\n  homeserver: example.test\n  endpoint: "${fake.endpoint}"\n`,
      SWITCHED_OFF,
    ]);
    await t.running.app.get(UserAccounts).register({ username: 'frank', password: PASSWORD });
    browser = new FormBrowser(t);
    await browser.signIn('frank', PASSWORD);
  });
  after(async () => {
    await t.close();
    await fake.close();
  });

  it('should not advertise account deactivation', async () => {
    const res = await t.http().get('/.well-known/openid-configuration').expect(200);
    const actions = res.body.account_management_actions_supported as string[];
    assert.ok(actions.includes('org.matrix.profile'));
    assert.ok(!actions.includes('org.matrix.account_deactivate'));
  });

  it('should show the profile without the switched-off forms and links', async () => {
    const res = await browser.get('/account');
    assert.equal(res.status, 200);
    assert.doesNotMatch(res.text, /name="display_name"/);
    assert.match(res.text, /data-testid="display-name"/);
    assert.doesNotMatch(res.text, /account\/password"/);
    assert.doesNotMatch(res.text, /account\/deactivate"/);
    assert.match(res.text, /account\/sessions"/);
  });

  const refused: [string, string, Record<string, string>][] = [
    ['GET', '/account/password', {}],
    [
      'POST',
      '/account/password',
      { current_password: PASSWORD, password: 'x', password_confirm: 'x' },
    ],
    ['GET', '/account/deactivate', {}],
    ['POST', '/account/deactivate', { password: PASSWORD }],
    ['POST', '/account/display-name', { display_name: 'Frank' }],
  ];
  for (const [method, path, fields] of refused) {
    it(`should answer ${method} ${path} with a readable 403 and change nothing`, async () => {
      fake.reset();
      const res =
        method === 'GET'
          ? await browser.get(path)
          : await browser.post(path, fields, await browser.get('/account'));
      assert.equal(res.status, 403);
      assert.match(res.text, /data-testid="feature-disabled"/);
      assert.equal(fake.requests.filter((r) => r.method === 'POST').length, 0);
    });
  }

  it('should still let the user sign in with the unchanged password', async () => {
    const auth = await t.running.app.get(UserAccounts).authenticate('frank', PASSWORD, null);
    assert.equal(auth.ok, true);
  });
});

describe('account password page with passwords.enabled off', () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp('passwords:\n  enabled: false\n');
  });
  after(async () => {
    await t.close();
  });

  it('should not link the password page, which is refused', async () => {
    const user = await t.running.app.get(UserAccounts).register({ username: 'gina' });
    const session = await t.running.app
      .get(UserSessionRepository)
      .add({ id: ulid(), userId: user.id, createdAt: new Date(), userAgent: null, ip: null });
    const browser = new FormBrowser(t);
    browser.cookie = t.running.app
      .get(SessionCookieCodec)
      .serialize({ sessionId: session.id, csrf: null })
      .split(';')[0];
    const profile = await browser.get('/account');
    assert.equal(profile.status, 200);
    assert.doesNotMatch(profile.text, /account\/password"/);
    assert.equal((await browser.get('/account/password')).status, 403);
  });
});
