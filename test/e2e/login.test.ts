import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { UserRepository } from '../../src/storage/users/user.repository';
import { UserAccounts } from '../../src/users/user-accounts.service';
import { SessionCookieCodec } from '../../src/web-session';
import { csrfOf, sessionCookie } from '../factories/browser';
import { createTestApp, type TestApp } from '../setup/test-app';

const BASE = 'https://auth.example.test/';

/** GET /login: the browser's cookie and the form's CSRF token. */
async function openForm(t: TestApp, query = '', cookie?: string) {
  const req = t.http().get(`/login${query}`);
  if (cookie) req.set('Cookie', cookie);
  const res = await req.expect(200);
  return { res, cookie: sessionCookie(res) ?? cookie ?? '', csrf: csrfOf(res.text) };
}

async function submitLogin(t: TestApp, fields: Record<string, string>, query = '') {
  const form = await openForm(t, query);
  return t
    .http()
    .post(`/login${query}`)
    .set('Cookie', form.cookie)
    .type('form')
    .send({ csrf: form.csrf, ...fields });
}

describe('login: password login page', () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp();
    const accounts = t.running.app.get(UserAccounts);
    await accounts.register({
      username: 'alice',
      password: 'correct horse',
      emails: ['alice@mail.test'],
    });
    const locked = await accounts.register({ username: 'lockedlee', password: 'right pw' });
    const gone = await accounts.register({ username: 'goner', password: 'right pw' });
    const users = t.running.app.get(UserRepository);
    await users.lock(locked.id, new Date());
    await users.deactivate(gone.id, new Date());
  });
  after(async () => {
    await t.close();
  });

  it('should serve the form with a CSRF token, a session cookie and the security headers', async () => {
    const { res, csrf } = await openForm(t);
    assert.match(res.headers['content-type'], /^text\/html; charset=utf-8/);
    assert.equal(res.headers['x-frame-options'], 'DENY');
    assert.equal(res.headers['content-security-policy'], "frame-ancestors 'none'");
    assert.equal(res.headers['cache-control'], 'no-store');
    assert.match(csrf, /^[A-Za-z0-9_-]{43}$/);
    assert.match(res.text, /<html lang="en">/);
    assert.match(res.text, /<label for="username">Username<\/label>/);
    assert.match(res.text, /autocomplete="current-password"/);
    assert.doesNotMatch(res.text, /<script/);
    const setCookie = (res.headers['set-cookie'] as unknown as string[])[0];
    assert.match(
      setCookie,
      /^mas-session=[^;]+; Max-Age=\d+; Path=\/; HttpOnly; Secure; SameSite=Lax/,
    );
  });

  it('should refuse a POST without the CSRF token, with a wrong one, or without the cookie', async () => {
    const { cookie, csrf } = await openForm(t);
    const fields = { username: 'alice', password: 'correct horse' };
    const missing = await t.http().post('/login').set('Cookie', cookie).type('form').send(fields);
    const wrong = await t
      .http()
      .post('/login')
      .set('Cookie', cookie)
      .type('form')
      .send({ ...fields, csrf: `${csrf.slice(0, -2)}AA` });
    const noCookie = await t
      .http()
      .post('/login')
      .type('form')
      .send({ ...fields, csrf });
    for (const res of [missing, wrong, noCookie]) {
      assert.equal(res.status, 403);
      assert.match(res.headers['content-type'], /^text\/html/);
      assert.match(res.text, /This form has expired/);
      assert.equal(sessionCookie(res), undefined);
      assert.doesNotMatch(res.text, /at .*\.js:\d+/);
    }
  });

  it('should answer a wrong password and an unknown user with the same 400 page', async () => {
    const wrong = await submitLogin(t, { username: 'ghost', password: 'wrong' });
    const unknown = await submitLogin(t, { username: 'alice', password: 'wrong' });
    assert.equal(wrong.status, 400);
    assert.equal(unknown.status, 400);
    const normalise = (html: string) =>
      html.replace(/value="(ghost|alice)"/, 'value="?"').replace(/name="csrf" value="[^"]+"/, '');
    assert.equal(normalise(wrong.text), normalise(unknown.text));
    assert.match(wrong.text, /The username or password is not correct/);
    assert.match(wrong.text, /role="alert"/);
  });

  it('should sign in, set an HttpOnly SameSite=Lax cookie and go to a safe next', async () => {
    const res = await submitLogin(t, {
      username: 'alice',
      password: 'correct horse',
      next: '/consent/01J?x=1',
    });
    assert.equal(res.status, 303);
    assert.equal(res.headers.location, `${BASE}consent/01J?x=1`);
    const setCookie = (res.headers['set-cookie'] as unknown as string[])[0];
    assert.match(setCookie, /HttpOnly/);
    assert.match(setCookie, /SameSite=Lax/);
    const index = await t
      .http()
      .get('/')
      .set('Cookie', sessionCookie(res) ?? '')
      .expect(200);
    assert.match(index.text, /You are signed in as alice\./);
  });

  it('should keep next from the query string through the form', async () => {
    const { res } = await openForm(t, '?next=%2Faccount%2F');
    assert.match(res.text, /name="next" value="\/account\/"/);
    const done = await submitLogin(
      t,
      { username: 'alice', password: 'correct horse' },
      '?next=/account/',
    );
    assert.equal(done.headers.location, `${BASE}account/`);
  });

  it('should send unsafe next values to the index instead', async () => {
    for (const next of [
      '//evil.example',
      'https://evil.example',
      '/\\evil',
      'javascript:alert(1)',
    ]) {
      const res = await submitLogin(t, { username: 'alice', password: 'correct horse', next });
      assert.equal(res.status, 303, next);
      assert.equal(res.headers.location, BASE, next);
    }
    const { res } = await openForm(t, '?next=%2F%2Fevil.example');
    assert.doesNotMatch(res.text, /evil/);
  });

  it('should record the session with user agent, address and password authentication', async () => {
    const form = await openForm(t);
    const res = await t
      .http()
      .post('/login')
      .set('Cookie', form.cookie)
      .set('User-Agent', 'LoginTest/1.0')
      .type('form')
      .send({ csrf: form.csrf, username: 'alice', password: 'correct horse' })
      .expect(303);
    assert.ok(sessionCookie(res));
    const rows: {
      user_agent: string;
      ip: string | null;
      finished_at: Date | null;
      auths: string;
    }[] = await t.db.dataSource.query(`
        SELECT s.user_agent, host(s.last_active_ip) AS ip, s.finished_at,
               (SELECT count(*) FROM user_session_authentications a
                 WHERE a.user_session_id = s.user_session_id AND a.user_password_id IS NOT NULL) AS auths
        FROM user_sessions s WHERE s.user_agent = 'LoginTest/1.0'`);
    assert.equal(rows.length, 1);
    assert.equal(rows[0].finished_at, null);
    assert.equal(Number(rows[0].auths), 1);
    assert.ok(rows[0].ip === null || /^[0-9a-f.:]+$/.test(rows[0].ip));
  });

  it('should show the locked page only with the right password', async () => {
    const wrong = await submitLogin(t, { username: 'lockedlee', password: 'nope' });
    assert.equal(wrong.status, 400);
    assert.match(wrong.text, /The username or password is not correct/);
    assert.doesNotMatch(wrong.text, /account is locked/i);
    const right = await submitLogin(t, { username: 'lockedlee', password: 'right pw' });
    assert.equal(right.status, 403);
    assert.match(right.text, /This account is locked/);
    const index = await t
      .http()
      .get('/')
      .set('Cookie', sessionCookie(right) ?? '')
      .expect(200);
    assert.match(index.text, /You are not signed in/);
  });

  it('should show the deactivated page only with the right password', async () => {
    const wrong = await submitLogin(t, { username: 'goner', password: 'nope' });
    assert.equal(wrong.status, 400);
    assert.doesNotMatch(wrong.text, /deactivated/i);
    const right = await submitLogin(t, { username: 'goner', password: 'right pw' });
    assert.equal(right.status, 403);
    assert.match(right.text, /This account has been deactivated/);
  });

  it('should not log in by email unless login_with_email_allowed', async () => {
    const res = await submitLogin(t, { username: 'alice@mail.test', password: 'correct horse' });
    assert.equal(res.status, 400);
    const { res: form } = await openForm(t, '?login_hint=alice%40mail.test');
    assert.match(form.text, /name="username" value=""/);
  });

  it('should prefill the localpart of an mxid login_hint on this homeserver only', async () => {
    const ours = await openForm(t, '?login_hint=mxid:@alice:example.test');
    assert.match(ours.res.text, /name="username" value="alice"/);
    const theirs = await openForm(t, '?login_hint=mxid:@alice:evil.example');
    assert.match(theirs.res.text, /name="username" value=""/);
  });

  it('should send a signed-in browser from the form straight on to next', async () => {
    const login = await submitLogin(t, { username: 'alice', password: 'correct horse' });
    const res = await t
      .http()
      .get('/login?next=/account/')
      .set('Cookie', sessionCookie(login) ?? '')
      .expect(303);
    assert.equal(res.headers.location, `${BASE}account/`);
  });

  it('should not serve the login page on a listener without the human resource', async () => {
    await t.http('internal').get('/login').expect(404);
  });
});

describe('login: with login_with_email_allowed', () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp('account:\n  login_with_email_allowed: true\n');
    await t.running.app
      .get(UserAccounts)
      .register({ username: 'bob', password: 'pw of bob', emails: ['bob@mail.test'] });
  });
  after(async () => {
    await t.close();
  });

  it('should label the field and accept the email address', async () => {
    const { res } = await openForm(t, '?login_hint=bob%40mail.test');
    assert.match(res.text, />Username or email address</);
    assert.match(res.text, /name="username" value="bob@mail.test"/);
    const login = await submitLogin(t, { username: 'bob@mail.test', password: 'pw of bob' });
    assert.equal(login.status, 303);
    const index = await t
      .http()
      .get('/')
      .set('Cookie', sessionCookie(login) ?? '')
      .expect(200);
    assert.match(index.text, /signed in as bob\./);
  });
});

describe('login: with passwords disabled', () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp('passwords:\n  enabled: false\n');
  });
  after(async () => {
    await t.close();
  });

  it('should say password login is not available instead of showing the form', async () => {
    const page = await t.http().get('/login').expect(200);
    assert.match(page.text, /Signing in with a password is not available/);
    assert.doesNotMatch(page.text, /type="password"/);
  });

  it('should refuse a posted password with the same page', async () => {
    const page = await t.http().get('/login').expect(200);
    const cookie = sessionCookie(page) ?? '';
    // The page has no form, but its cookie carries a token (read it as the browser cannot).
    const csrf = t.running.app.get(SessionCookieCodec).read(cookie).csrf?.token ?? '';
    assert.notEqual(csrf, '');
    const res = await t
      .http()
      .post('/login')
      .set('Cookie', cookie)
      .type('form')
      .send({ csrf, username: 'x', password: 'y' });
    assert.equal(res.status, 403);
    assert.match(res.text, /Signing in with a password is not available/);
  });
});
