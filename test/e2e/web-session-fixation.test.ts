import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { UserAccounts } from '../../src/users/user-accounts.service';
import { SessionCookieCodec } from '../../src/web-session';
import { csrfOf, sessionCookie } from '../factories/browser';
import { createTestApp, type TestApp } from '../setup/test-app';

/** Signs `username` in from the browser holding `cookie` (or a fresh one); the new cookie pair. */
async function signIn(t: TestApp, username: string, password: string, cookie?: string) {
  const form = t.http().get('/login');
  if (cookie) form.set('Cookie', cookie);
  const page = await form.expect(200);
  const jar = sessionCookie(page) ?? cookie ?? '';
  const res = await t
    .http()
    .post('/login')
    .set('Cookie', jar)
    .type('form')
    .send({ csrf: csrfOf(page.text), username, password })
    .expect(303);
  const next = sessionCookie(res);
  assert.ok(next, 'signing in sets the cookie');
  return next;
}

function decode(t: TestApp, pair: string) {
  const codec = t.running.app.get(SessionCookieCodec);
  const state = codec.read(pair);
  assert.ok(state.sessionId, 'the cookie names a session');
  return state;
}

describe('web sessions: fixation (OWASP session management) and the branding footer', () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp(
      [
        'branding:',
        '  service_name: Example Chat',
        '  policy_uri: https://example.test/privacy',
        '  tos_uri: https://example.test/terms',
        '  imprint: Example Ltd, 1 Main Street',
      ].join('\n'),
    );
    const accounts = t.running.app.get(UserAccounts);
    await accounts.register({ username: 'mallory', password: 'mallory pw' });
    await accounts.register({ username: 'victim', password: 'victim pw' });
  });
  after(async () => {
    await t.close();
  });

  it('should give a new session id and a new CSRF token on sign-in over a planted anonymous cookie', async () => {
    // The attacker fetched the form and planted its cookie in the victim's browser.
    const page = await t.http().get('/login').expect(200);
    const planted = sessionCookie(page);
    assert.ok(planted);
    const plantedState = t.running.app.get(SessionCookieCodec).read(planted);
    assert.equal(plantedState.sessionId, null);
    const after = decode(t, await signIn(t, 'victim', 'victim pw', planted));
    assert.notEqual(after.csrf?.token, plantedState.csrf?.token);
  });

  it("should start a new session when someone signs in over the attacker's signed-in cookie", async () => {
    const planted = await signIn(t, 'mallory', 'mallory pw');
    const mallory = decode(t, planted);
    const res = await t
      .http()
      .post('/login')
      .set('Cookie', planted)
      .type('form')
      .send({ csrf: mallory.csrf?.token, username: 'victim', password: 'victim pw' });
    assert.equal(res.status, 303);
    const replaced = sessionCookie(res);
    assert.ok(replaced, 'signing in writes a new cookie');
    const victim = decode(t, replaced);
    assert.notEqual(victim.sessionId, mallory.sessionId);
    assert.notEqual(victim.csrf?.token, mallory.csrf?.token);
    const who = await t.http().get('/').set('Cookie', replaced).expect(200);
    assert.match(who.text, /victim/);
    assert.doesNotMatch(who.text, /mallory/);
  });

  it('should not accept the pre-login CSRF token after sign-in', async () => {
    const page = await t.http().get('/login').expect(200);
    const anonymousCsrf = csrfOf(page.text);
    const cookie = await signIn(t, 'victim', 'victim pw', sessionCookie(page));
    await t
      .http()
      .post('/logout')
      .set('Cookie', cookie)
      .type('form')
      .send({ csrf: anonymousCsrf })
      .expect(403);
  });

  it('should show the service name, policy and terms links and the imprint on every page', async () => {
    const res = await t.http().get('/login').expect(200);
    assert.match(res.text, /<title>[^<]* · Example Chat<\/title>/);
    assert.match(
      res.text,
      /<a href="https:\/\/example.test\/privacy" rel="noopener">Privacy policy<\/a>/,
    );
    assert.match(
      res.text,
      /<a href="https:\/\/example.test\/terms" rel="noopener">Terms of service<\/a>/,
    );
    assert.match(res.text, /Example Ltd, 1 Main Street/);
    const fr = await t.http().get('/recover').set('Accept-Language', 'fr');
    assert.match(fr.text, /Politique de confidentialité/);
  });
});
