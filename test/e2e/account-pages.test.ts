import { after, before, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ulid } from 'ulid';
import { DataSource } from 'typeorm';
import { CompatSessionEntity } from '../../src/storage/compat/compat-session.entity';
import { OAuth2SessionEntity } from '../../src/storage/oauth2/oauth2-session.entity';
import { OAuth2SessionRepository } from '../../src/storage/oauth2/oauth2-session.repository';
import { UserSessionRepository } from '../../src/storage/browser-sessions/user-session.repository';
import { UserEntity } from '../../src/storage/users/user.entity';
import { SessionCookieCodec } from '../../src/web-session';
import { UserAccounts, type UserView } from '../../src/users/user-accounts.service';
import { addClient } from '../factories/code-flow.factory';
import { PASSWORD, passwordLogin } from '../factories/compat.factory';
import { FormBrowser, localPath } from '../factories/form-browser';
import { RecordingHomeserver } from '../fakes/recording-homeserver';
import { queueIdle } from '../setup/job-rows';
import { createTestApp, type TestApp } from '../setup/test-app';
import { TEST_PUBLIC_BASE } from '../setup/test-config';
import { waitFor } from '../setup/wait-for';

const SECRET = 'account-pages-secret';
const STRONG = 'violet kangaroo juggles tidal marmalade';

describe('account pages (/account, password, sessions, deactivation, cross-signing reset)', () => {
  let fake: RecordingHomeserver;
  let t: TestApp;
  let n = 0;
  const ds = () => t.running.app.get(DataSource);

  before(async () => {
    fake = await RecordingHomeserver.start({ serverName: 'example.test' });
    t = await createTestApp(
      `matrix:\n  homeserver: example.test\n  endpoint: "${fake.endpoint}"\n  secret: "${SECRET}"\n`,
    );
  });
  after(async () => {
    await t.close();
    await fake.close();
  });
  beforeEach(() => {
    fake.reset();
  });

  /** A fresh user with {@link PASSWORD}, signed in in a fresh browser. */
  async function signedInUser(): Promise<{ user: UserView; browser: FormBrowser }> {
    n += 1;
    const user = await t.running.app
      .get(UserAccounts)
      .register({ username: `acct${n}`, password: PASSWORD });
    const browser = new FormBrowser(t);
    await browser.signIn(user.username, PASSWORD);
    return { user, browser };
  }

  async function compatLogin(username: string, deviceId: string) {
    const res = await t
      .http()
      .post('/_matrix/client/v3/login')
      .send(passwordLogin(username, { device_id: deviceId, initial_device_display_name: 'Phone' }))
      .expect(200);
    return res.body as { access_token: string; device_id: string };
  }

  const compatRow = (deviceId: string) =>
    ds().getRepository(CompatSessionEntity).findOneByOrFail({ deviceId });

  async function addOAuth2Session(userId: string, deviceId: string, name: string | null = null) {
    const client = await addClient(t.running.app, { clientName: 'Test App' });
    const id = ulid();
    await t.running.app.get(OAuth2SessionRepository).add({
      id,
      clientId: client.id,
      userId,
      userSessionId: null,
      scope: ['openid', 'urn:matrix:client:api:*', `urn:matrix:client:device:${deviceId}`],
      createdAt: new Date(),
      userAgent: 'Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0',
      humanName: name,
    });
    return id;
  }

  const introspectActive = async (token: string) =>
    (
      await t
        .http()
        .post('/oauth2/introspect')
        .set('Authorization', `Bearer ${SECRET}`)
        .type('form')
        .send({ token })
        .expect(200)
    ).body.active as boolean;

  describe('discovery and well-known', () => {
    it('should advertise every MSC4191 action the account pages serve', async () => {
      const res = await t.http().get('/.well-known/openid-configuration').expect(200);
      assert.equal(res.body.account_management_uri, `${TEST_PUBLIC_BASE}account`);
      assert.deepEqual([...res.body.account_management_actions_supported].sort(), [
        'org.matrix.account_deactivate',
        'org.matrix.cross_signing_reset',
        'org.matrix.device_delete',
        'org.matrix.device_view',
        'org.matrix.devices_list',
        'org.matrix.profile',
        'org.matrix.session_end',
        'org.matrix.session_view',
        'org.matrix.sessions_list',
      ]);
    });

    it('should redirect /.well-known/change-password to the password page (W3C)', async () => {
      const res = await t.http().get('/.well-known/change-password').expect(302);
      assert.equal(res.headers.location, `${TEST_PUBLIC_BASE}account/password`);
    });
  });

  describe('anonymous visitors', () => {
    for (const path of [
      '/account/password',
      '/account/sessions',
      '/account/sessions/01J00000000000000000000000',
      '/account/devices/DEVICE1234?end=1',
      '/account/deactivate',
      '/account/cross-signing-reset',
    ]) {
      it(`should send GET ${path} through the login page and back`, async () => {
        const res = await new FormBrowser(t).get(path);
        assert.equal(res.status, 303);
        assert.equal(localPath(res, TEST_PUBLIC_BASE), `/login?next=${encodeURIComponent(path)}`);
      });
    }
  });

  describe('deep links (GET /account?action=)', () => {
    const cases: [string, string][] = [
      ['action=org.matrix.profile', '/account'],
      ['action=org.matrix.devices_list', '/account/sessions'],
      ['action=org.matrix.sessions_list', '/account/sessions'],
      ['action=org.matrix.device_view&device_id=DEV%2F1', '/account/devices/DEV%2F1'],
      ['action=org.matrix.session_view&device_id=DEV1', '/account/devices/DEV1'],
      ['action=org.matrix.device_delete&device_id=DEV1', '/account/devices/DEV1?end=1'],
      ['action=org.matrix.session_end&device_id=DEV1', '/account/devices/DEV1?end=1'],
      ['action=org.matrix.device_view', '/account/sessions'],
      ['action=org.matrix.account_deactivate', '/account/deactivate'],
      ['action=org.matrix.cross_signing_reset', '/account/cross-signing-reset'],
      ['action=org.example.unknown', '/account'],
    ];
    for (const [query, target] of cases) {
      it(`should take an anonymous ${query} through login to ${target}`, async () => {
        const browser = new FormBrowser(t);
        const res = await browser.get(`/account?${query}`);
        assert.equal(res.status, 303);
        const login = localPath(res, TEST_PUBLIC_BASE);
        assert.equal(login, `/login?next=${encodeURIComponent(target)}`);
        const user = await t.running.app
          .get(UserAccounts)
          .register({ username: `deep${(n += 1)}`, password: PASSWORD });
        const signedIn = await browser.signIn(user.username, PASSWORD, login);
        assert.equal(localPath(signedIn, TEST_PUBLIC_BASE), target);
        const again = await browser.get(`/account?${query}`);
        if (target === '/account') assert.equal(again.status, 200);
        else assert.equal(localPath(again, TEST_PUBLIC_BASE), target);
      });
    }

    it('should open the session of a device, and a readable 404 for an unknown one', async () => {
      const { user, browser } = await signedInUser();
      await compatLogin(user.username, 'DEEPLINKDEV');
      const row = await compatRow('DEEPLINKDEV');
      const found = await browser.get(
        '/account?action=org.matrix.device_delete&device_id=DEEPLINKDEV',
      );
      const byDevice = await browser.get(localPath(found, TEST_PUBLIC_BASE));
      assert.equal(localPath(byDevice, TEST_PUBLIC_BASE), `/account/sessions/${row.id}?end=1`);
      const detail = await browser.get(`/account/sessions/${row.id}?end=1`);
      assert.equal(detail.status, 200);
      assert.match(detail.text, /data-testid="confirm-end"/);
      assert.match(detail.text, /DEEPLINKDEV/);
      const unknown = await browser.get('/account/devices/NOSUCHDEVICE');
      assert.equal(unknown.status, 404);
      assert.match(unknown.text, /data-testid="session-unknown"/);
      assert.match(unknown.text, /NOSUCHDEVICE/);
    });
  });

  describe('profile and display name', () => {
    it('should show the display name from the homeserver and the account links', async () => {
      const { user, browser } = await signedInUser();
      fake.on('GET', '/_synapse/mas/query_user', {
        status: 200,
        body: {
          user_id: `@${user.username}:example.test`,
          display_name: 'Erin <E>',
          avatar_url: null,
          is_suspended: false,
          is_deactivated: false,
        },
      });
      const res = await browser.get('/account');
      assert.equal(res.status, 200);
      assert.equal(res.headers['cache-control'], 'no-store');
      assert.match(res.text, /value="Erin &lt;E&gt;"/);
      for (const link of [
        'account/password',
        'account/sessions',
        'account/deactivate',
        'account/cross-signing-reset',
      ]) {
        assert.match(res.text, new RegExp(`href="${TEST_PUBLIC_BASE}${link}"`));
      }
    });

    it('should push a new display name to the homeserver, and clear it when emptied', async () => {
      const { user, browser } = await signedInUser();
      const form = await browser.get('/account');
      const set = await browser.post('/account/display-name', { display_name: '  Erin  ' }, form);
      assert.equal(set.status, 200);
      assert.match(set.text, /data-testid="display-name-saved"/);
      assert.deepEqual(
        fake.requestsTo('/_synapse/mas/set_displayname').map((r) => r.body),
        [{ localpart: user.username, displayname: 'Erin' }],
      );
      const unset = await browser.post('/account/display-name', { display_name: '' }, set);
      assert.equal(unset.status, 200);
      assert.deepEqual(
        fake.requestsTo('/_synapse/mas/unset_displayname').map((r) => r.body),
        [{ localpart: user.username }],
      );
    });

    it('should refuse a display name that is too long, and say so when the homeserver fails', async () => {
      const { browser } = await signedInUser();
      const form = await browser.get('/account');
      const long = await browser.post(
        '/account/display-name',
        { display_name: 'x'.repeat(257) },
        form,
      );
      assert.equal(long.status, 400);
      assert.match(long.text, /id="display-name-error"/);
      assert.match(long.text, /aria-describedby="display-name-hint display-name-error"/);
      assert.equal(fake.requestsTo('/_synapse/mas/set_displayname').length, 0);
      fake.on('POST', '/_synapse/mas/set_displayname', {
        status: 500,
        body: { errcode: 'M_UNKNOWN' },
      });
      const failed = await browser.post('/account/display-name', { display_name: 'Erin' }, long);
      assert.equal(failed.status, 502);
      assert.match(failed.text, /id="display-name-error"/);
    });
  });

  describe('password change', () => {
    it('should change the password after checking the current one, and keep other sessions', async () => {
      const { user, browser } = await signedInUser();
      const compat = await compatLogin(user.username, 'PWKEEPDEV1');
      const form = await browser.get('/account/password');
      assert.equal(form.status, 200);
      assert.match(form.text, /name="current_password"/);
      const wrong = await browser.post(
        '/account/password',
        { current_password: 'nope', password: STRONG, password_confirm: STRONG },
        form,
      );
      assert.equal(wrong.status, 400);
      assert.match(wrong.text, /id="password-error"/);
      const mismatch = await browser.post(
        '/account/password',
        { current_password: PASSWORD, password: STRONG, password_confirm: `${STRONG}!` },
        wrong,
      );
      assert.equal(mismatch.status, 400);
      const weak = await browser.post(
        '/account/password',
        { current_password: PASSWORD, password: 'password1', password_confirm: 'password1' },
        mismatch,
      );
      assert.equal(weak.status, 400);
      assert.match(weak.text, /too easy to guess/);
      const done = await browser.post(
        '/account/password',
        { current_password: PASSWORD, password: STRONG, password_confirm: STRONG },
        weak,
      );
      assert.equal(done.status, 200);
      assert.match(done.text, /data-testid="password-changed"/);
      assert.equal(await introspectActive(compat.access_token), true);
      const accounts = t.running.app.get(UserAccounts);
      assert.equal((await accounts.authenticate(user.username, STRONG, null)).ok, true);
      assert.equal((await accounts.authenticate(user.username, PASSWORD, null)).ok, false);
      assert.equal((await browser.get('/account')).status, 200, 'this browser stays signed in');
    });

    it('should sign out the other sessions when asked to, but not this browser', async () => {
      const { user, browser } = await signedInUser();
      const compat = await compatLogin(user.username, 'PWENDDEV01');
      const other = new FormBrowser(t);
      await other.signIn(user.username, PASSWORD);
      const form = await browser.get('/account/password');
      const done = await browser.post(
        '/account/password',
        {
          current_password: PASSWORD,
          password: STRONG,
          password_confirm: STRONG,
          end_sessions: '1',
        },
        form,
      );
      assert.equal(done.status, 200);
      assert.match(done.text, /Other sessions signed out: 2\./);
      assert.equal(await introspectActive(compat.access_token), false);
      assert.equal((await other.get('/account')).status, 303);
      assert.equal((await browser.get('/account')).status, 200);
    });
  });

  describe('sessions', () => {
    it('should list every kind of session with its details and mark this browser', async () => {
      const { user, browser } = await signedInUser();
      await compatLogin(user.username, 'LISTCOMPAT1');
      await addOAuth2Session(user.id, 'LISTOAUTH01', 'Work laptop');
      const res = await browser.get('/account/sessions');
      assert.equal(res.status, 200);
      assert.equal(res.headers['cache-control'], 'no-store');
      assert.match(res.text, /Work laptop/);
      assert.match(res.text, /Device LISTOAUTH01/);
      assert.match(res.text, /Device LISTCOMPAT1/);
      assert.match(res.text, /Firefox 128 · Linux/);
      assert.equal(res.text.match(/data-testid="current-session"/g)?.length, 1);
      assert.match(res.text, /Apps and devices \(2\)/);
      assert.match(res.text, /Browsers signed in here \(1\)/);
    });

    it('should rename an OAuth 2.0 session and its device on the homeserver', async () => {
      const { user, browser } = await signedInUser();
      const id = await addOAuth2Session(user.id, 'RENAMEDEV01');
      const detail = await browser.get(`/account/sessions/${id}`);
      assert.equal(detail.status, 200);
      assert.match(detail.text, /Test App/);
      const renamed = await browser.post(
        `/account/sessions/${id}/rename`,
        { name: ' Tablet ' },
        detail,
      );
      assert.equal(renamed.status, 303);
      assert.equal(localPath(renamed, TEST_PUBLIC_BASE), `/account/sessions/${id}?renamed=1`);
      const row = await ds().getRepository(OAuth2SessionEntity).findOneByOrFail({ id });
      assert.equal(row.humanName, 'Tablet');
      assert.deepEqual(
        fake.requestsTo('/_synapse/mas/update_device_display_name').map((r) => r.body),
        [{ localpart: user.username, device_id: 'RENAMEDEV01', display_name: 'Tablet' }],
      );
      const empty = await browser.post(`/account/sessions/${id}/rename`, { name: '' }, detail);
      assert.equal(empty.status, 400);
      assert.match(empty.text, /id="rename-error"/);
    });

    it('should rename a compat session, and keep the name when the homeserver fails', async () => {
      const { user, browser } = await signedInUser();
      await compatLogin(user.username, 'RENAMECOMP');
      const row = await compatRow('RENAMECOMP');
      const detail = await browser.get(`/account/sessions/${row.id}`);
      fake.on('POST', '/_synapse/mas/update_device_display_name', { status: 500, body: {} });
      const failed = await browser.post(
        `/account/sessions/${row.id}/rename`,
        { name: 'Old phone' },
        detail,
      );
      assert.equal(failed.status, 502);
      assert.match(failed.text, /homeserver could not be reached/);
      assert.equal((await compatRow('RENAMECOMP')).humanName, 'Old phone');
    });

    it('should end a compat session: its token stops working and the device is deleted', async () => {
      const { user, browser } = await signedInUser();
      const compat = await compatLogin(user.username, 'ENDCOMPAT1');
      const row = await compatRow('ENDCOMPAT1');
      const detail = await browser.get(`/account/sessions/${row.id}`);
      const ended = await browser.post(`/account/sessions/${row.id}/end`, {}, detail);
      assert.equal(ended.status, 200);
      assert.match(ended.text, /data-testid="session-ended"/);
      assert.equal(await introspectActive(compat.access_token), false);
      await waitFor('the device sync', () => queueIdle(ds(), 'sync-devices'));
      const syncs = fake
        .requestsTo('/_synapse/mas/sync_devices')
        .map((r) => r.body as { devices: string[] });
      assert.ok(syncs.length > 0);
      assert.ok(!syncs.at(-1)?.devices.includes('ENDCOMPAT1'));
      const after = await browser.get(`/account/sessions/${row.id}`);
      assert.match(after.text, /data-testid="session-finished"/);
      assert.doesNotMatch(after.text, /\/end"/);
    });

    it('should sign this browser out when it ends its own session', async () => {
      const { browser } = await signedInUser();
      const list = await browser.get('/account/sessions');
      const id = /data-session-id="([0-9A-Z]{26})"[^]*?data-testid="current-session"/.exec(
        list.text,
      )?.[1];
      assert.ok(id);
      const detail = await browser.get(`/account/sessions/${id}`);
      assert.match(detail.text, /You will be signed out of this browser/);
      const ended = await browser.post(`/account/sessions/${id}/end`, {}, detail);
      assert.equal(ended.status, 303);
      assert.equal(localPath(ended, TEST_PUBLIC_BASE), '/login');
      assert.equal((await browser.get('/account')).status, 303);
    });

    it('should sign out every other session and keep this browser', async () => {
      const { user, browser } = await signedInUser();
      const compat = await compatLogin(user.username, 'OTHERSDEV1');
      await addOAuth2Session(user.id, 'OTHERSDEV2');
      const other = new FormBrowser(t);
      await other.signIn(user.username, PASSWORD);
      const list = await browser.get('/account/sessions');
      const done = await browser.post('/account/sessions/end-others', {}, list);
      assert.equal(done.status, 200);
      assert.match(done.text, /Apps and devices signed out: 2\. Other browsers signed out: 1\./);
      assert.equal(await introspectActive(compat.access_token), false);
      assert.equal((await other.get('/account')).status, 303);
      const after = await browser.get('/account/sessions');
      assert.match(after.text, /Apps and devices \(0\)/);
      assert.doesNotMatch(after.text, /end-others/);
    });

    it("should answer a readable 404 for another user's, an unknown or a malformed session", async () => {
      const { user: owner } = await signedInUser();
      const theirs = await addOAuth2Session(owner.id, 'NOTYOURS01');
      const { browser } = await signedInUser();
      for (const id of [theirs, ulid(), 'not-a-ulid', '..%2F..%2Fadmin']) {
        const res = await browser.get(`/account/sessions/${id}`);
        assert.equal(res.status, 404, id);
        assert.match(res.text, /data-testid="session-unknown"/);
      }
      const detail = await browser.get('/account');
      const end = await browser.post(`/account/sessions/${theirs}/end`, {}, detail);
      assert.equal(end.status, 404);
      const rename = await browser.post(
        `/account/sessions/${theirs}/rename`,
        { name: 'x' },
        detail,
      );
      assert.equal(rename.status, 404);
      const row = await ds().getRepository(OAuth2SessionEntity).findOneByOrFail({ id: theirs });
      assert.equal(row.finishedAt, null);
      assert.equal(row.humanName, null);
    });

    it('should list at most 100 sessions of a kind and say how many exist', async () => {
      const { user, browser } = await signedInUser();
      const client = await addClient(t.running.app, { clientName: 'Bulk' });
      const now = Date.now();
      await ds()
        .getRepository(OAuth2SessionEntity)
        .insert(
          Array.from({ length: 101 }, (_, i) => ({
            id: ulid(now + i),
            oauth2ClientId: client.id,
            userId: user.id,
            userSessionId: null,
            scopeList: ['openid'],
            createdAt: new Date(now + i),
            userAgent: null,
            humanName: null,
          })),
        );
      const res = await browser.get('/account/sessions');
      assert.equal(res.status, 200);
      assert.match(res.text, /Apps and devices \(101\)/);
      assert.match(res.text, /data-testid="sessions-capped"/);
      assert.equal(res.text.match(/<strong>Bulk<\/strong>/g)?.length, 100);
    });
  });

  describe('deactivation', () => {
    it('should refuse a wrong password and change nothing', async () => {
      const { user, browser } = await signedInUser();
      const form = await browser.get('/account/deactivate');
      assert.equal(form.status, 200);
      const wrong = await browser.post(
        '/account/deactivate',
        { password: 'nope', erase: '1' },
        form,
      );
      assert.equal(wrong.status, 400);
      assert.match(wrong.text, /id="deactivate-error"/);
      assert.match(wrong.text, /name="erase" value="1"[^>]*checked/);
      assert.equal(fake.requestsTo('/_synapse/mas/delete_user').length, 0);
      const row = await ds().getRepository(UserEntity).findOneByOrFail({ id: user.id });
      assert.equal(row.deactivatedAt, null);
    });

    it('should deactivate with the password, erase on the homeserver and sign out', async () => {
      const { user, browser } = await signedInUser();
      const compat = await compatLogin(user.username, 'DEACTDEV01');
      const form = await browser.get('/account/deactivate');
      const done = await browser.post(
        '/account/deactivate',
        { password: PASSWORD, erase: '1' },
        form,
      );
      assert.equal(done.status, 200);
      assert.match(done.text, /data-testid="account-deactivated"/);
      assert.deepEqual(
        fake.requestsTo('/_synapse/mas/delete_user').map((r) => r.body),
        [{ localpart: user.username, erase: true }],
      );
      const row = await ds().getRepository(UserEntity).findOneByOrFail({ id: user.id });
      assert.ok(row.deactivatedAt);
      assert.equal(await introspectActive(compat.access_token), false);
      assert.equal((await browser.get('/account')).status, 303);
      const login = await t.running.app
        .get(UserAccounts)
        .authenticate(user.username, PASSWORD, null);
      assert.deepEqual(login, { ok: false, reason: 'deactivated' });
    });

    it('should ask an account without a password to type its username', async () => {
      n += 1;
      const user = await t.running.app.get(UserAccounts).register({ username: `nopw${n}` });
      // Such an account signs in upstream; here its browser session is made directly.
      const session = await t.running.app.get(UserSessionRepository).add({
        id: ulid(),
        userId: user.id,
        createdAt: new Date(),
        userAgent: null,
        ip: null,
      });
      const browser = new FormBrowser(t);
      browser.cookie = t.running.app
        .get(SessionCookieCodec)
        .serialize({ sessionId: session.id, csrf: null })
        .split(';')[0];
      const form = await browser.get('/account/deactivate');
      assert.equal(form.status, 200);
      assert.doesNotMatch(form.text, /name="password"/);
      assert.match(form.text, /name="confirmation"/);
      const wrong = await browser.post('/account/deactivate', { confirmation: 'someone' }, form);
      assert.equal(wrong.status, 400);
      const done = await browser.post(
        '/account/deactivate',
        { confirmation: user.username },
        wrong,
      );
      assert.equal(done.status, 200);
      assert.deepEqual(
        fake.requestsTo('/_synapse/mas/delete_user').map((r) => r.body),
        [{ localpart: user.username, erase: false }],
      );
    });
  });

  describe('cross-signing reset', () => {
    it('should explain, then allow a reset on the homeserver', async () => {
      const { user, browser } = await signedInUser();
      const form = await browser.get('/account/cross-signing-reset');
      assert.equal(form.status, 200);
      assert.match(form.text, /10 minutes/);
      assert.equal(fake.requestsTo('/_synapse/mas/allow_cross_signing_reset').length, 0);
      const done = await browser.post('/account/cross-signing-reset', {}, form);
      assert.equal(done.status, 200);
      assert.match(done.text, /data-testid="cross-signing-allowed"/);
      assert.deepEqual(
        fake.requestsTo('/_synapse/mas/allow_cross_signing_reset').map((r) => r.body),
        [{ localpart: user.username }],
      );
    });

    it('should say so when the homeserver refuses', async () => {
      const { browser } = await signedInUser();
      fake.on('POST', '/_synapse/mas/allow_cross_signing_reset', { status: 500, body: {} });
      const form = await browser.get('/account/cross-signing-reset');
      const failed = await browser.post('/account/cross-signing-reset', {}, form);
      assert.equal(failed.status, 502);
      assert.match(failed.text, /data-testid="cross-signing-error"/);
    });
  });

  describe('CSRF', () => {
    const forms: [string, Record<string, string>][] = [
      ['/account/display-name', { display_name: 'Mallory' }],
      [
        '/account/password',
        { current_password: PASSWORD, password: STRONG, password_confirm: STRONG },
      ],
      ['/account/sessions/end-others', {}],
      ['/account/sessions/{compat}/rename', { name: 'Mallory' }],
      ['/account/sessions/{compat}/end', {}],
      ['/account/deactivate', { password: PASSWORD }],
      ['/account/cross-signing-reset', {}],
    ];
    for (const [template, fields] of forms) {
      for (const csrf of [null, 'forged-token']) {
        it(`should refuse POST ${template} ${csrf ? 'with a bad' : 'without a'} CSRF token and change nothing`, async () => {
          const { user, browser } = await signedInUser();
          const compat = await compatLogin(user.username, `CSRF${(n += 1)}XX`);
          const row = await compatRow(`CSRF${n}XX`);
          fake.reset();
          const path = template.replace('{compat}', row.id);
          const body = csrf ? { csrf, ...fields } : fields;
          const res = await browser.post(path, body);
          assert.equal(res.status, 403);
          assert.match(res.text, /This form has expired/);
          assert.deepEqual(
            fake.requests.filter((r) => r.method === 'POST').map((r) => r.path),
            [],
            'nothing reached the homeserver',
          );
          assert.equal(await introspectActive(compat.access_token), true);
          const now = await ds().getRepository(CompatSessionEntity).findOneByOrFail({ id: row.id });
          assert.equal(now.humanName, row.humanName);
          const accounts = t.running.app.get(UserAccounts);
          assert.equal((await accounts.authenticate(user.username, PASSWORD, null)).ok, true);
          assert.equal((await browser.get('/account')).status, 200);
        });
      }
    }
  });
});
