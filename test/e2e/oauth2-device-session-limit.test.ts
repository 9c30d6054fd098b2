import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { DataSource } from 'typeorm';
import { UserEntity } from '../../src/storage/users/user.entity';
import { UserAccounts } from '../../src/users/user-accounts.service';
import { csrfOf } from '../factories/browser';
import { addClient, type TestClient } from '../factories/code-flow.factory';
import { FormBrowser, localPath } from '../factories/form-browser';
import { RP_PASSWORD } from '../factories/relying-party';
import { TokenRows } from '../factories/token-rows.factory';
import { createTestApp, type TestApp } from '../setup/test-app';
import { TEST_PUBLIC_BASE } from '../setup/test-config';

const DEVICE_GRANT = 'urn:ietf:params:oauth:grant-type:device_code';

/**
 * The session limit on the device flow's consent page (MAS runs the authorization_grant
 * policy there with grant_type device_code): at `soft_limit` the person sees their sessions,
 * may end some, and then approves the device.
 */
describe('the session limit at device consent (authorization_grant too-many-sessions)', () => {
  let t: TestApp;
  let tv: TestClient;
  before(async () => {
    t = await createTestApp(
      'experimental:\n  session_limit:\n    soft_limit: 2\n    hard_limit: 3\n',
    );
    tv = await addClient(t.running.app, {
      tokenEndpointAuthMethod: 'none',
      clientName: 'Living Room TV',
      redirectUris: [],
      grantTypeAuthorizationCode: false,
      grantTypeDeviceCode: true,
    });
    await t.running.app.get(UserAccounts).register({ username: 'alice', password: RP_PASSWORD });
    const user = await t.running.app
      .get(DataSource)
      .getRepository(UserEntity)
      .findOneByOrFail({ username: 'alice' });
    const rows = new TokenRows(t.running.app.get(DataSource));
    for (const deviceId of ['OLDDEVICE1', 'OLDDEVICE2']) await rows.compat({ user, deviceId });
  });
  after(async () => {
    await t.close();
  });

  it('should list the sessions, end the selected one, then let the person approve', async () => {
    const started = await t
      .http()
      .post('/oauth2/device')
      .type('form')
      .send({ client_id: tv.id, scope: 'urn:matrix:client:api:*' })
      .expect(200);
    const { device_code: deviceCode, user_code: userCode } = started.body as {
      device_code: string;
      user_code: string;
    };

    const browser = new FormBrowser(t);
    const form = await browser.get('/link');
    const linked = await t
      .http()
      .post('/link')
      .set('Cookie', browser.cookie)
      .type('form')
      .send({ csrf: csrfOf(form.text), code: userCode });
    assert.equal(linked.status, 303, linked.text);
    const consentPath = localPath(linked, TEST_PUBLIC_BASE);
    const login = await browser.get(consentPath);
    await browser.signIn('alice', RP_PASSWORD, localPath(login, TEST_PUBLIC_BASE));

    const limited = await browser.get(consentPath);
    assert.equal(limited.status, 200, limited.text);
    assert.match(limited.text, /data-testid="too-many-sessions"/);
    assert.match(limited.text, /OLDDEVICE1/);
    assert.match(limited.text, /OLDDEVICE2/);
    const forced = await browser.post(consentPath, { action: 'allow' }, limited);
    assert.equal(forced.status, 403, 'approving is refused while over the limit');

    const value = /name="session" value="(compat:[0-9A-Z]{26})"/.exec(limited.text)?.[1] ?? '';
    const ended = await browser.post(
      consentPath,
      { action: 'end_sessions', session: value },
      limited,
    );
    assert.equal(ended.status, 303);
    assert.equal(localPath(ended, TEST_PUBLIC_BASE), consentPath);

    const consent = await browser.get(consentPath);
    assert.equal(consent.status, 200);
    assert.doesNotMatch(consent.text, /too-many-sessions/);
    const done = await browser.post(consentPath, { action: 'allow' }, consent);
    assert.equal(done.status, 200, done.text);

    const tokens = await t
      .http()
      .post('/oauth2/token')
      .type('form')
      .send({ grant_type: DEVICE_GRANT, device_code: deviceCode, client_id: tv.id });
    assert.equal(tokens.status, 200, tokens.text);
    assert.ok((tokens.body as { access_token?: string }).access_token);
  });
});
