import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { DataSource } from 'typeorm';
import { UserSessionAuthenticationEntity } from '../../src/storage/browser-sessions/user-session-authentication.entity';
import { UserSessionEntity } from '../../src/storage/browser-sessions/user-session.entity';
import { CompatSessionEntity } from '../../src/storage/compat/compat-session.entity';
import { OAuth2SessionEntity } from '../../src/storage/oauth2/oauth2-session.entity';
import { PersonalSessionEntity } from '../../src/storage/personal/personal-session.entity';
import { UserEntity } from '../../src/storage/users/user.entity';
import { UserAccounts } from '../../src/users/user-accounts.service';
import { adminAccessToken } from '../factories/admin-token.factory';
import { FormBrowser, localPath } from '../factories/form-browser';
import { TokenRows } from '../factories/token-rows.factory';
import { jobRows } from '../setup/job-rows';
import { createTestApp, type TestApp } from '../setup/test-app';
import { TEST_PUBLIC_BASE } from '../setup/test-config';

const PW = 'admin pages pw';
const UNKNOWN = '01ARZ3NDEKTSV4RRFFQ69G5FAV';

/** The user pages and their actions (docs/admin-pages.md). */
describe('admin pages: users (/account/admin)', () => {
  let t: TestApp;
  let ds: DataSource;
  let accounts: UserAccounts;
  let adminId: string;
  let admin: FormBrowser;

  const userRow = (id: string) => ds.getRepository(UserEntity).findOneByOrFail({ id });
  const register = async (username: string, extra: { admin?: boolean; emails?: string[] } = {}) =>
    (await accounts.register({ username, password: PW, ...extra })).id;
  const signedIn = async (username: string) => {
    const b = new FormBrowser(t);
    await b.signIn(username, PW);
    return b;
  };

  before(async () => {
    t = await createTestApp();
    ds = t.running.app.get(DataSource);
    accounts = t.running.app.get(UserAccounts);
    adminId = await register('root', { admin: true });
    await register('plain');
    admin = await signedIn('root');
  });
  after(async () => {
    await t.close();
  });

  it('should send a browser without a session to the login page, which returns to the page', async () => {
    const anonymous = new FormBrowser(t);
    const res = await anonymous.get('/account/admin?q=ali');
    assert.equal(res.status, 303);
    assert.equal(localPath(res, TEST_PUBLIC_BASE), '/login?next=%2Faccount%2Fadmin%3Fq%3Dali');
    const back = await anonymous.signIn('root', PW, localPath(res, TEST_PUBLIC_BASE));
    assert.equal(localPath(back, TEST_PUBLIC_BASE), '/account/admin?q=ali');
    assert.equal((await anonymous.get(`/account/admin/users/${adminId}`)).status, 200);

    const stranger = new FormBrowser(t);
    const loginForm = await stranger.get('/login');
    const posted = await stranger.post(`/account/admin/users/${adminId}/lock`, {}, loginForm);
    assert.equal(posted.status, 303, 'a valid form from a browser without a session');
    assert.equal(localPath(posted, TEST_PUBLIC_BASE), '/login?next=%2Faccount%2Fadmin');
    assert.equal((await userRow(adminId)).lockedAt, null);
  });

  it('should show a readable 403 page to a signed-in user without admin rights, and no admin link', async () => {
    const plain = await signedIn('plain');
    for (const path of [
      '/account/admin',
      `/account/admin/users/${adminId}`,
      '/account/admin/registration-tokens',
      '/account/admin/policy-data',
    ]) {
      const res = await plain.get(path);
      assert.equal(res.status, 403, path);
      assert.match(res.text, /<h1>Administrators only<\/h1>/);
      assert.doesNotMatch(res.text, /href="[^"]*\/account\/admin"/);
      assert.equal(res.headers['cache-control'], 'no-store');
    }
    const page = await plain.get('/account');
    const res = await plain.post(`/account/admin/users/${adminId}/lock`, {}, page);
    assert.equal(res.status, 403);
    assert.match(res.text, /Administrators only/);
    assert.equal((await userRow(adminId)).lockedAt, null);
  });

  it('should re-check the admin flag on every request', async () => {
    const id = await register('shortlived', { admin: true });
    const b = await signedIn('shortlived');
    assert.equal((await b.get('/account/admin')).status, 200);
    await ds.getRepository(UserEntity).update({ id }, { canRequestAdmin: false });
    const res = await b.get('/account/admin');
    assert.equal(res.status, 403);
  });

  it('should ask for the password again when the last sign-in is older than an hour', async () => {
    const id = await register('sleepy', { admin: true });
    const b = await signedIn('sleepy');
    const page = await b.get(`/account/admin/users/${id}`);
    assert.equal(page.status, 200);
    const session = await ds.getRepository(UserSessionEntity).findOneByOrFail({ userId: id });
    await ds
      .getRepository(UserSessionAuthenticationEntity)
      .update({ userSessionId: session.id }, { createdAt: new Date(Date.now() - 61 * 60_000) });
    const stale = await b.get(`/account/admin/users/${id}`);
    assert.equal(stale.status, 303);
    const login = localPath(stale, TEST_PUBLIC_BASE);
    assert.equal(login, `/login?next=%2Faccount%2Fadmin%2Fusers%2F${id}&reauth=1`);
    const posted = await b.post(`/account/admin/users/${id}/set-admin`, { admin: '1' }, page);
    assert.equal(localPath(posted, TEST_PUBLIC_BASE), '/login?next=%2Faccount%2Fadmin&reauth=1');
    const form = await b.get(login);
    assert.equal(form.status, 200);
    assert.match(form.text, /value="sleepy"/, 'the form names the signed-in account');
    const back = await b.post(
      '/login',
      { username: 'sleepy', password: PW, next: `/account/admin/users/${id}` },
      form,
    );
    assert.equal(localPath(back, TEST_PUBLIC_BASE), `/account/admin/users/${id}`);
    assert.equal((await b.get(`/account/admin/users/${id}`)).status, 200);
  });

  it('should search users by username substring and by state, a page at a time', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 23; i++) ids.push(await register(`pager${String(i).padStart(2, '0')}`));
    const lockedId = await register('pagerlocked');
    await ds.getRepository(UserEntity).update({ id: lockedId }, { lockedAt: new Date() });
    const goneId = await register('pagergone');
    await ds
      .getRepository(UserEntity)
      .update({ id: goneId }, { lockedAt: new Date(), deactivatedAt: new Date() });

    const first = await admin.get('/account/admin?q=PAGER');
    assert.equal(first.status, 200);
    assert.match(first.text, /25 users found\./);
    assert.equal(first.text.match(/href="[^"]*\/account\/admin\/users\//g)?.length, 20);
    assert.match(first.text, /pager00/);
    assert.doesNotMatch(first.text, /pagergone/);
    const next = /href="([^"]+)" rel="next"/.exec(first.text)?.[1].replace(/&amp;/g, '&');
    assert.ok(next, 'a next link');
    assert.doesNotMatch(first.text, /rel="prev"/);
    const second = await admin.get(next.slice(TEST_PUBLIC_BASE.length - 1));
    assert.equal(second.status, 200);
    assert.equal(second.text.match(/href="[^"]*\/account\/admin\/users\//g)?.length, 5);
    assert.match(second.text, /pagergone/);
    assert.doesNotMatch(second.text, /rel="next"/);
    const prev = /href="([^"]+)" rel="prev"/.exec(second.text)?.[1].replace(/&amp;/g, '&');
    assert.ok(prev, 'a previous link');
    const back = await admin.get(prev.slice(TEST_PUBLIC_BASE.length - 1));
    assert.match(back.text, /pager00/);
    assert.equal(back.text.match(/href="[^"]*\/account\/admin\/users\//g)?.length, 20);

    const locked = await admin.get('/account/admin?q=pager&state=locked');
    assert.match(locked.text, /1 user found\./);
    assert.match(locked.text, new RegExp(`users/${lockedId}"`));
    const deactivated = await admin.get('/account/admin?q=pager&state=deactivated');
    assert.match(deactivated.text, new RegExp(`users/${goneId}"`));
    assert.match(deactivated.text, /1 user found\./);
    const active = await admin.get('/account/admin?q=pager&state=active');
    assert.match(active.text, /23 users found\./);
    const admins = await admin.get('/account/admin?state=admin');
    assert.match(admins.text, new RegExp(`users/${adminId}"`));
    assert.doesNotMatch(admins.text, />pager/);
    const none = await admin.get('/account/admin?q=nobody-like-this');
    assert.match(none.text, /0 users found\./);
  });

  it('should answer a readable 400 to an unknown state, and 404 to an unknown or malformed user id', async () => {
    const bad = await admin.get('/account/admin?state=sleeping');
    assert.equal(bad.status, 400);
    assert.match(bad.text, /id="search-error" role="alert"/);
    assert.match(bad.text, /aria-describedby="search-error"/);
    for (const id of [UNKNOWN, 'not-a-ulid']) {
      const res = await admin.get(`/account/admin/users/${id}`);
      assert.equal(res.status, 404, id);
      assert.match(res.text, /Page not found/);
    }
    const page = await admin.get(`/account/admin/users/${adminId}`);
    assert.equal((await admin.post(`/account/admin/users/${UNKNOWN}/lock`, {}, page)).status, 404);
  });

  it("should show a user's state, email addresses and sessions of every kind", async () => {
    const id = await register('detailed', { emails: ['detailed@mail.test'] });
    const rows = new TokenRows(ds);
    const user = await userRow(id);
    const compat = await rows.compat({ user, deviceId: 'DEVICEXYZ' });
    const personal = await rows.personal({ actor: user });
    const oauth2 = await adminAccessToken(t.running.app, { scope: ['openid'] });
    await ds.getRepository(OAuth2SessionEntity).update({ id: oauth2.sessionId }, { userId: id });
    await signedIn('detailed');
    const res = await admin.get(`/account/admin/users/${id}`);
    assert.equal(res.status, 200);
    assert.match(res.text, /<h1>detailed<\/h1>/);
    assert.match(res.text, /@detailed:example\.test/);
    assert.match(res.text, /detailed@mail\.test/);
    assert.match(res.text, /DEVICEXYZ/);
    assert.match(res.text, /CI bot/);
    assert.match(res.text, new RegExp(`sessions/compat/${compat.session.id}/end`));
    assert.match(res.text, new RegExp(`sessions/personal/${personal.session.id}/end`));
    assert.match(res.text, new RegExp(`sessions/oauth2/${oauth2.sessionId}/end`));
    assert.match(res.text, /sessions\/browser\/[0-9A-Z]{26}\/end/);
    assert.match(res.text, /name="csrf" value="[A-Za-z0-9_-]{43}"/);
  });

  it('should lock and unlock a user, with a confirmation, queueing their provisioning', async () => {
    const id = await register('lockme');
    const victim = await signedIn('lockme');
    const page = await admin.get(`/account/admin/users/${id}`);
    const locked = await admin.post(`/account/admin/users/${id}/lock`, {}, page);
    assert.equal(locked.status, 303);
    assert.equal(localPath(locked, TEST_PUBLIC_BASE), `/account/admin/users/${id}?done=locked`);
    assert.notEqual((await userRow(id)).lockedAt, null);
    assert.ok(
      (await jobRows(ds, 'provision-user')).some(
        (j) => (j.data as { userId: string }).userId === id,
      ),
    );
    const shown = await admin.get(`/account/admin/users/${id}?done=locked`);
    assert.match(shown.text, /class="notice" role="status">The user is locked/);
    assert.match(shown.text, /id="user-state">Locked/);
    assert.equal((await victim.get('/account')).status, 303, 'the locked user is signed out');

    const unlocked = await admin.post(`/account/admin/users/${id}/unlock`, {}, shown);
    assert.equal(localPath(unlocked, TEST_PUBLIC_BASE), `/account/admin/users/${id}?done=unlocked`);
    assert.equal((await userRow(id)).lockedAt, null);
    const ignored = await admin.get(`/account/admin/users/${id}?done=<script>`);
    assert.doesNotMatch(ignored.text, /class="notice"/);
  });

  it('should refuse a form without a valid CSRF token, changing nothing', async () => {
    const id = await register('csrfvictim');
    const res = await admin.post(`/account/admin/users/${id}/lock`, {});
    assert.equal(res.status, 403);
    assert.match(res.text, /This form has expired/);
    const forged = await admin.post(`/account/admin/users/${id}/lock`, { csrf: 'x'.repeat(43) });
    assert.equal(forged.status, 403);
    const json = await t
      .http()
      .post(`/account/admin/users/${id}/lock`)
      .set('Cookie', admin.cookie)
      .set('Content-Type', 'application/json')
      .send('{}');
    assert.equal(json.status, 400);
    assert.equal((await userRow(id)).lockedAt, null);
  });

  it('should refuse to lock or deactivate the signed-in admin themselves', async () => {
    const page = await admin.get(`/account/admin/users/${adminId}`);
    assert.doesNotMatch(page.text, new RegExp(`users/${adminId}/lock"`));
    const lock = await admin.post(`/account/admin/users/${adminId}/lock`, {}, page);
    assert.equal(lock.status, 409);
    assert.match(lock.text, /class="problem" role="alert">You cannot lock your own account/);
    const confirm = await admin.get(`/account/admin/users/${adminId}/deactivate`);
    assert.equal(confirm.status, 409);
    const deactivate = await admin.post(
      `/account/admin/users/${adminId}/deactivate`,
      { erase: '1' },
      page,
    );
    assert.equal(deactivate.status, 409);
    const row = await userRow(adminId);
    assert.equal(row.lockedAt, null);
    assert.equal(row.deactivatedAt, null);
  });

  it('should deactivate after a confirmation (erasing unless unticked) and reactivate after another', async () => {
    const id = await register('leaving');
    const confirm = await admin.get(`/account/admin/users/${id}/deactivate`);
    assert.equal(confirm.status, 200);
    assert.match(confirm.text, /<h1>Deactivate leaving\?<\/h1>/);
    assert.match(confirm.text, /name="erase" value="1" checked/);
    const done = await admin.post(`/account/admin/users/${id}/deactivate`, {}, confirm);
    assert.equal(
      localPath(done, TEST_PUBLIC_BASE),
      `/account/admin/users/${id}?done=deactivation_queued`,
    );
    assert.notEqual((await userRow(id)).lockedAt, null);
    const job = (await jobRows(ds, 'deactivate-user')).find(
      (j) => (j.data as { userId: string }).userId === id,
    );
    assert.deepEqual(job?.data, { userId: id, hsErase: false }, 'the box was not ticked');

    const again = await admin.get(`/account/admin/users/${id}/reactivate`);
    assert.equal(again.status, 200);
    assert.match(again.text, /<h1>Reactivate leaving\?<\/h1>/);
    const reactivated = await admin.post(`/account/admin/users/${id}/reactivate`, {}, again);
    assert.equal(
      localPath(reactivated, TEST_PUBLIC_BASE),
      `/account/admin/users/${id}?done=reactivation_queued`,
    );
    assert.ok(
      (await jobRows(ds, 'reactivate-user')).some(
        (j) => (j.data as { userId: string }).userId === id,
      ),
    );
    const erasing = await register('erased');
    const c2 = await admin.get(`/account/admin/users/${erasing}/deactivate`);
    await admin.post(`/account/admin/users/${erasing}/deactivate`, { erase: '1' }, c2);
    const job2 = (await jobRows(ds, 'deactivate-user')).find(
      (j) => (j.data as { userId: string }).userId === erasing,
    );
    assert.deepEqual(job2?.data, { userId: erasing, hsErase: true });
  });

  it('should set a password, refusing an empty, mismatched or weak one unless the check is skipped', async () => {
    const id = await register('newpass');
    const page = await admin.get(`/account/admin/users/${id}`);
    const path = `/account/admin/users/${id}/set-password`;
    const cases: [Record<string, string>, RegExp][] = [
      [{ password: '', password_confirm: '' }, /Enter a password\./],
      [{ password: 'abc', password_confirm: 'abd' }, /The two passwords do not match\./],
      [{ password: 'password1', password_confirm: 'password1' }, /too easy to guess/],
    ];
    for (const [fields, message] of cases) {
      const res = await admin.post(path, fields, page);
      assert.equal(res.status, 400, JSON.stringify(fields));
      assert.match(res.text, message);
      assert.match(res.text, /id="password-error" role="alert"/);
      assert.match(res.text, /aria-invalid="true" aria-describedby="password-error"/);
    }
    const weak = await admin.post(
      path,
      { password: 'password1', password_confirm: 'password1', skip_check: '1' },
      page,
    );
    assert.equal(localPath(weak, TEST_PUBLIC_BASE), `/account/admin/users/${id}?done=password_set`);
    const b = new FormBrowser(t);
    const form = await b.get('/login');
    assert.equal((await b.post('/login', { username: 'newpass', password: PW }, form)).status, 400);
    await b.signIn('newpass', 'password1');
    const strong = await admin.post(
      path,
      { password: 'a much longer passphrase 93', password_confirm: 'a much longer passphrase 93' },
      page,
    );
    assert.equal(strong.status, 303);
    await new FormBrowser(t).signIn('newpass', 'a much longer passphrase 93');
  });

  it('should promote and demote another user, and ask before an admin demotes themselves', async () => {
    const id = await register('rising');
    const page = await admin.get(`/account/admin/users/${id}`);
    const up = await admin.post(`/account/admin/users/${id}/set-admin`, { admin: '1' }, page);
    assert.equal(localPath(up, TEST_PUBLIC_BASE), `/account/admin/users/${id}?done=promoted`);
    assert.equal((await userRow(id)).canRequestAdmin, true);
    const down = await admin.post(`/account/admin/users/${id}/set-admin`, { admin: '0' }, page);
    assert.equal(localPath(down, TEST_PUBLIC_BASE), `/account/admin/users/${id}?done=demoted`);
    assert.equal((await userRow(id)).canRequestAdmin, false);

    const selfId = await register('selfdemoter', { admin: true });
    const self = await signedIn('selfdemoter');
    const own = await self.get(`/account/admin/users/${selfId}`);
    const ask = await self.post(`/account/admin/users/${selfId}/set-admin`, { admin: '0' }, own);
    assert.equal(ask.status, 200);
    assert.match(ask.text, /Remove your own administrator rights\?/);
    assert.equal((await userRow(selfId)).canRequestAdmin, true, 'nothing changed yet');
    const gone = await self.post(
      `/account/admin/users/${selfId}/set-admin`,
      { admin: '0', confirm: '1' },
      ask,
    );
    assert.equal(localPath(gone, TEST_PUBLIC_BASE), '/account');
    assert.equal((await userRow(selfId)).canRequestAdmin, false);
    assert.equal((await self.get('/account/admin')).status, 403);
  });

  it('should end a session of each kind, and nothing of another user', async () => {
    const id = await register('sessioned');
    const user = await userRow(id);
    const rows = new TokenRows(ds);
    const compat = await rows.compat({ user });
    const personal = await rows.personal({ actor: user, scope: ['urn:matrix:client:device:PDEV'] });
    const oauth2 = await adminAccessToken(t.running.app, { scope: ['openid'] });
    await ds.getRepository(OAuth2SessionEntity).update({ id: oauth2.sessionId }, { userId: id });
    const browser = await signedIn('sessioned');
    const other = await rows.compat();
    const browserId = (await ds.getRepository(UserSessionEntity).findOneByOrFail({ userId: id }))
      .id;

    const page = await admin.get(`/account/admin/users/${id}`);
    const end = (kind: string, sid: string) =>
      admin.post(`/account/admin/users/${id}/sessions/${kind}/${sid}/end`, {}, page);
    const ok = `/account/admin/users/${id}?done=session_ended`;
    assert.equal(localPath(await end('compat', compat.session.id), TEST_PUBLIC_BASE), ok);
    assert.equal(localPath(await end('personal', personal.session.id), TEST_PUBLIC_BASE), ok);
    assert.equal(localPath(await end('oauth2', oauth2.sessionId), TEST_PUBLIC_BASE), ok);
    assert.equal(localPath(await end('browser', browserId), TEST_PUBLIC_BASE), ok);

    const compatRow = await ds
      .getRepository(CompatSessionEntity)
      .findOneByOrFail({ id: compat.session.id });
    assert.notEqual(compatRow.finishedAt, null);
    const personalRow = await ds
      .getRepository(PersonalSessionEntity)
      .findOneByOrFail({ id: personal.session.id });
    assert.notEqual(personalRow.revokedAt, null);
    const oauthRow = await ds
      .getRepository(OAuth2SessionEntity)
      .findOneByOrFail({ id: oauth2.sessionId });
    assert.notEqual(oauthRow.finishedAt, null);
    assert.equal((await browser.get('/account')).status, 303, 'the browser is signed out');
    assert.ok(
      (await jobRows(ds, 'sync-devices')).some((j) => (j.data as { userId: string }).userId === id),
    );

    const foreign = await end('compat', other.session.id);
    assert.equal(
      localPath(foreign, TEST_PUBLIC_BASE),
      `/account/admin/users/${id}?done=session_already_ended`,
    );
    const otherRow = await ds
      .getRepository(CompatSessionEntity)
      .findOneByOrFail({ id: other.session.id });
    assert.equal(otherRow.finishedAt, null);
    assert.equal((await end('device', compat.session.id)).status, 404);
    assert.equal((await end('compat', 'not-a-ulid')).status, 404);
    const shown = await admin.get(`/account/admin/users/${id}?done=session_ended`);
    assert.match(shown.text, /The session is ended\./);
    assert.equal(shown.text.match(/No active session\./g)?.length, 4);
  });

  it('should not be served on a listener without the human resource', async () => {
    await t.http('internal').get('/account/admin').expect(404);
  });
});
