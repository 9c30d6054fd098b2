import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DataSource, IsNull } from 'typeorm';
import { CompatSessionEntity } from '../../src/storage/compat/compat-session.entity';
import { UserEntity } from '../../src/storage/users/user.entity';
import { addCompatUser, PASSWORD, passwordLogin } from '../factories/compat.factory';
import { FormBrowser, localPath } from '../factories/form-browser';
import { TokenRows } from '../factories/token-rows.factory';
import { createTestApp, type TestApp } from '../setup/test-app';
import { TEST_PUBLIC_BASE } from '../setup/test-config';

const LIMITS = 'experimental:\n  session_limit:\n    soft_limit: 2\n    hard_limit: 3\n';

/** Adds compat sessions on these devices, last active in the order given (oldest first). */
async function addSessions(t: TestApp, username: string, devices: string[]): Promise<void> {
  const ds = t.running.app.get(DataSource);
  const user = await ds.getRepository(UserEntity).findOneByOrFail({ username });
  const rows = new TokenRows(ds);
  for (const [i, deviceId] of devices.entries()) {
    const { session } = await rows.compat({ user, deviceId });
    await ds
      .getRepository(CompatSessionEntity)
      .update({ id: session.id }, { lastActiveAt: new Date(Date.UTC(2026, 0, 1 + i)) });
  }
}

async function activeDevices(t: TestApp, username: string): Promise<string[]> {
  const ds = t.running.app.get(DataSource);
  const user = await ds.getRepository(UserEntity).findOneByOrFail({ username });
  const rows = await ds
    .getRepository(CompatSessionEntity)
    .findBy({ userId: user.id, finishedAt: IsNull() });
  return rows.map((r) => r.deviceId ?? '').sort();
}

/** MAS compat_login policy (inventory §10) on `POST /login` and the SSO confirmation page. */
describe('the compat_login policy: session limits and requester bans on legacy logins', () => {
  describe('without eviction', () => {
    let t: TestApp;
    before(async () => {
      t = await createTestApp(
        `${LIMITS}policy:\n  data:\n    requester:\n      banned_ips: ["203.0.113.0/24"]\n`,
      );
      for (const name of ['full', 'sso', 'banned']) await addCompatUser(t.running.app, name);
      await addSessions(t, 'full', ['FULLDEV001', 'FULLDEV002', 'FULLDEV003']);
      await addSessions(t, 'sso', ['SSODEV0001', 'SSODEV0002']);
    });
    after(async () => {
      await t.close();
    });
    const login = (body: object, ip = '192.0.2.10') =>
      t.http().post('/_matrix/client/v3/login').set('X-Forwarded-For', ip).send(body);

    it('should refuse a password login at the hard limit with M_FORBIDDEN, storing nothing', async () => {
      const res = await login(passwordLogin('full'));
      assert.equal(res.status, 403, res.text);
      assert.equal(res.body.errcode, 'M_FORBIDDEN');
      assert.match(res.body.error, /hard device limit/);
      assert.deepEqual(await activeDevices(t, 'full'), ['FULLDEV001', 'FULLDEV002', 'FULLDEV003']);
    });

    it('should let a login that replaces a device through at the hard limit', async () => {
      const res = await login(passwordLogin('full', { device_id: 'FULLDEV002' }));
      assert.equal(res.status, 200, res.text);
      assert.equal(res.body.device_id, 'FULLDEV002');
      assert.deepEqual(await activeDevices(t, 'full'), ['FULLDEV001', 'FULLDEV002', 'FULLDEV003']);
    });

    it('should refuse a banned requester address with the policy message', async () => {
      const res = await login(passwordLogin('banned'), '203.0.113.7');
      assert.equal(res.status, 403, res.text);
      assert.equal(res.body.errcode, 'M_FORBIDDEN');
      assert.match(res.body.error, /isn't allowed to do this action/);
      const elsewhere = await login(passwordLogin('banned'), '198.51.100.7');
      assert.equal(elsewhere.status, 200, elsewhere.text);
    });

    it('should hold the SSO page to the soft limit, let the person end a session, then complete', async () => {
      const started = await t
        .http()
        .get(
          `/_matrix/client/v3/login/sso/redirect?${new URLSearchParams({ redirectUrl: 'https://client.example/done' }).toString()}`,
        )
        .expect(302);
      const completePath = localPath(started, TEST_PUBLIC_BASE);
      const browser = new FormBrowser(t);
      const first = await browser.get(completePath);
      await browser.signIn('sso', PASSWORD, localPath(first, TEST_PUBLIC_BASE));

      const limited = await browser.get(completePath);
      assert.equal(limited.status, 200, limited.text);
      assert.match(limited.text, /data-testid="too-many-sessions"/);
      assert.match(limited.text, /SSODEV0001/);
      const forced = await browser.post(completePath, { action: 'continue' }, limited);
      assert.equal(forced.status, 403, 'continuing is refused while at the soft limit');

      const oldest = /name="session" value="(compat:[0-9A-Z]{26})"/.exec(limited.text)?.[1];
      const ended = await browser.post(
        completePath,
        { action: 'end_sessions', session: oldest ?? '' },
        limited,
      );
      assert.equal(ended.status, 303);
      assert.equal(localPath(ended, TEST_PUBLIC_BASE), completePath);
      assert.equal((await activeDevices(t, 'sso')).length, 1);

      const confirm = await browser.get(completePath);
      assert.doesNotMatch(confirm.text, /too-many-sessions/);
      const done = await browser.post(completePath, { action: 'continue' }, confirm);
      assert.equal(done.status, 303);
      const token = new URL(done.headers.location).searchParams.get('loginToken');
      const exchanged = await login({ type: 'm.login.token', token });
      assert.equal(exchanged.status, 200, exchanged.text);
      assert.equal((await activeDevices(t, 'sso')).length, 2);
    });
  });

  describe('with dangerous_hard_limit_eviction', () => {
    let t: TestApp;
    before(async () => {
      t = await createTestApp(`${LIMITS}    dangerous_hard_limit_eviction: true\n`);
      await addCompatUser(t.running.app, 'evict');
      await addSessions(t, 'evict', ['OLDEST0001', 'MIDDLE0001', 'NEWEST0001']);
    });
    after(async () => {
      await t.close();
    });

    it('should end the least recently active compat session instead of refusing', async () => {
      const res = await t.http().post('/_matrix/client/v3/login').send(passwordLogin('evict'));
      assert.equal(res.status, 200, res.text);
      const devices = await activeDevices(t, 'evict');
      assert.equal(devices.length, 3);
      assert.ok(!devices.includes('OLDEST0001'), `the oldest is gone: ${devices.join(', ')}`);
      assert.ok(devices.includes('MIDDLE0001') && devices.includes('NEWEST0001'));
      assert.ok(devices.includes(res.body.device_id as string));
    });
  });
});
