import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ulidToUuid } from '../../src/storage/ulid-column';
import { UserRepository } from '../../src/storage/users/user.repository';
import { UserAccounts, type UserView } from '../../src/users/user-accounts.service';
import { csrfOf, sessionCookie } from '../factories/browser';
import { createTestApp, type TestApp } from '../setup/test-app';

/** Signs in through the form; the cookie and the CSRF token of the signed-in index page. */
async function signIn(t: TestApp, username: string, password: string) {
  const form = await t.http().get('/login').expect(200);
  const login = await t
    .http()
    .post('/login')
    .set('Cookie', sessionCookie(form) ?? '')
    .type('form')
    .send({ csrf: csrfOf(form.text), username, password })
    .expect(303);
  const cookie = sessionCookie(login) ?? '';
  const index = await t.http().get('/').set('Cookie', cookie).expect(200);
  assert.match(index.text, new RegExp(`signed in as ${username}\\.`));
  return {
    cookie: sessionCookie(index) ?? cookie,
    csrf: csrfOf(index.text),
    formCsrf: csrfOf(form.text),
  };
}

async function finishedAt(t: TestApp, userId: string): Promise<(Date | null)[]> {
  const rows: { finished_at: Date | null }[] = await t.db.dataSource.query(
    `SELECT finished_at FROM user_sessions WHERE user_id = $1 ORDER BY created_at`,
    [ulidToUuid(userId)],
  );
  return rows.map((r) => r.finished_at);
}

describe('web session: cookie, logout, CSRF binding', () => {
  let t: TestApp;
  let carol: UserView;
  before(async () => {
    t = await createTestApp();
    const accounts = t.running.app.get(UserAccounts);
    carol = await accounts.register({ username: 'carol', password: 'carol pw' });
    await accounts.register({ username: 'dave', password: 'dave pw' });
  });
  after(async () => {
    await t.close();
  });

  it('should show a link to sign in to a browser without a session', async () => {
    const res = await t.http().get('/').expect(200);
    assert.match(res.text, /You are not signed in/);
    assert.match(res.text, /href="https:\/\/auth\.example\.test\/login"/);
    assert.doesNotMatch(res.text, /name="csrf"/);
  });

  it('should ignore a tampered cookie', async () => {
    const { cookie } = await signIn(t, 'dave', 'dave pw');
    const value = decodeURIComponent(cookie.slice('mas-session='.length));
    const raw = Buffer.from(value, 'base64');
    raw[20] ^= 0x01;
    const tampered = `mas-session=${encodeURIComponent(raw.toString('base64'))}`;
    const res = await t.http().get('/').set('Cookie', tampered).expect(200);
    assert.match(res.text, /You are not signed in/);
  });

  it('should refuse a form token from before the login once signed in', async () => {
    const { cookie, formCsrf, csrf } = await signIn(t, 'dave', 'dave pw');
    assert.notEqual(formCsrf, csrf);
    const res = await t
      .http()
      .post('/logout')
      .set('Cookie', cookie)
      .type('form')
      .send({ csrf: formCsrf });
    assert.equal(res.status, 403);
  });

  it('should not log out without the CSRF token', async () => {
    const { cookie } = await signIn(t, 'carol', 'carol pw');
    await t.http().post('/logout').set('Cookie', cookie).type('form').send({}).expect(403);
    const still = await t.http().get('/').set('Cookie', cookie).expect(200);
    assert.match(still.text, /signed in as carol\./);
  });

  it('should finish the session on logout, clear the cookie and refuse the old cookie', async () => {
    const before = (await finishedAt(t, carol.id)).length;
    const { cookie, csrf } = await signIn(t, 'carol', 'carol pw');
    const res = await t
      .http()
      .post('/logout')
      .set('Cookie', cookie)
      .type('form')
      .send({ csrf })
      .expect(303);
    assert.equal(res.headers.location, 'https://auth.example.test/login');
    const cleared = (res.headers['set-cookie'] as unknown as string[])[0];
    assert.match(cleared, /^mas-session=; Max-Age=0;/);
    const sessions = await finishedAt(t, carol.id);
    assert.equal(sessions.length, before + 1);
    assert.ok(sessions[sessions.length - 1] instanceof Date, 'the session row is finished');
    const replay = await t.http().get('/').set('Cookie', cookie).expect(200);
    assert.match(replay.text, /You are not signed in/);
  });

  it('should drop the session of a user locked after signing in', async () => {
    const eve = await t.running.app
      .get(UserAccounts)
      .register({ username: 'eve', password: 'eve pw' });
    const { cookie } = await signIn(t, 'eve', 'eve pw');
    await t.running.app.get(UserRepository).lock(eve.id, new Date());
    const res = await t.http().get('/').set('Cookie', cookie).expect(200);
    assert.match(res.text, /You are not signed in/);
  });

  it('should answer errors on human pages as HTML, never JSON', async () => {
    const res = await t
      .http()
      .post('/logout')
      .set('Accept', 'application/json')
      .type('form')
      .send({ csrf: 'x' })
      .expect(403);
    assert.match(res.headers['content-type'], /^text\/html/);
    assert.match(res.text, /<h1>This form has expired<\/h1>/);
  });
});

describe('web session: locale negotiation', () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp();
  });
  after(async () => {
    await t.close();
  });

  it('should render in the best language of Accept-Language, falling back to en', async () => {
    const fr = await t
      .http()
      .get('/login')
      .set('Accept-Language', 'de;q=0.9, fr-CA;q=0.8')
      .expect(200);
    assert.match(fr.text, /<html lang="fr">/);
    assert.match(fr.text, /Mot de passe/);
    const ja = await t.http().get('/login').set('Accept-Language', 'ja, zh;q=0.5').expect(200);
    assert.match(ja.text, /<html lang="en">/);
    assert.match(ja.text, /Password/);
  });

  it('should translate error pages too', async () => {
    const res = await t.http().post('/login').set('Accept-Language', 'fr').type('form').send({});
    assert.equal(res.status, 403);
    assert.match(res.text, /<html lang="fr">/);
    assert.match(res.text, /Ce formulaire a expiré/);
  });
});

describe('web session: admin template and translation overrides', () => {
  let t: TestApp;
  before(async () => {
    const views = mkdtempSync(join(tmpdir(), 'mas-ts-views-'));
    writeFileSync(
      join(views, 'index.njk'),
      '{% extends "_layout.njk" %}{% block content %}<p id="custom">Custom index of {{ service_name }}</p>{% endblock %}',
    );
    const translations = mkdtempSync(join(tmpdir(), 'mas-ts-i18n-'));
    writeFileSync(
      join(translations, 'de.json'),
      JSON.stringify({ login: { password: 'Passwort' } }),
    );
    writeFileSync(
      join(translations, 'en.json'),
      JSON.stringify({ login: { submit: 'Sign me in' } }),
    );
    t = await createTestApp(
      `templates:\n  path: ${views}\n  translations_path: ${translations}\nbranding:\n  service_name: Example Chat\n`,
    );
  });
  after(async () => {
    await t.close();
  });

  it('should render an admin view instead of the built-in one', async () => {
    const res = await t.http().get('/').expect(200);
    assert.match(res.text, /<p id="custom">Custom index of Example Chat<\/p>/);
  });

  it('should use admin translations and languages, with en for missing keys', async () => {
    const de = await t.http().get('/login').set('Accept-Language', 'de').expect(200);
    assert.match(de.text, /<html lang="de">/);
    assert.match(de.text, />Passwort</);
    assert.match(de.text, />Sign me in</);
    assert.match(de.text, />Username</);
  });
});
