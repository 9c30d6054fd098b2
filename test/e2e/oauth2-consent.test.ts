import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { createLocalJWKSet, jwtVerify } from 'jose';
import { DataSource, IsNull } from 'typeorm';
import { UserSessionAuthenticationEntity } from '../../src/storage/browser-sessions/user-session-authentication.entity';
import { UserSessionEntity } from '../../src/storage/browser-sessions/user-session.entity';
import { OAuth2AuthorizationGrantEntity } from '../../src/storage/oauth2/oauth2-authorization-grant.entity';
import { UserAccounts } from '../../src/users/user-accounts.service';
import { addClient, REDIRECT_URI, type TestClient } from '../factories/code-flow.factory';
import { localPath, FormBrowser } from '../factories/form-browser';
import { createTestApp, type TestApp } from '../setup/test-app';
import { TEST_ISSUER, TEST_PUBLIC_BASE } from '../setup/test-config';

const PASSWORD = 'correct horse battery';

describe('consent and the authorization response (RFC 6749 §4.1.2, RFC 9207)', () => {
  let t: TestApp;
  let client: TestClient;
  before(async () => {
    t = await createTestApp(`
policy:
  data:
    admin_users: [carol]
`);
    client = await addClient(t.running.app, {
      clientName: 'Test <Chat>',
      clientUri: 'https://app.example.org/',
      policyUri: 'https://app.example.org/privacy',
    });
    const accounts = t.running.app.get(UserAccounts);
    await accounts.register({ username: 'alice', password: PASSWORD });
    await accounts.register({ username: 'bob', password: PASSWORD, admin: true });
    await accounts.register({ username: 'carol', password: PASSWORD });
    await accounts.register({ username: 'dave', password: PASSWORD });
  });
  after(async () => {
    await t.close();
  });

  const ds = () => t.running.app.get(DataSource);

  /** Starts an authorization request and returns the consent path and the PKCE verifier. */
  async function authorize(browser: FormBrowser, over: Record<string, string> = {}) {
    const verifier = randomBytes(32).toString('base64url');
    const q = new URLSearchParams({
      client_id: client.id,
      redirect_uri: REDIRECT_URI,
      response_type: 'code',
      scope: 'openid urn:matrix:client:api:* urn:matrix:client:device:ABCDEFGHIJ',
      state: 'st',
      nonce: 'nn',
      code_challenge: createHash('sha256').update(verifier).digest('base64url'),
      code_challenge_method: 'S256',
      ...over,
    });
    const res = await browser.get(`/authorize?${q.toString()}`);
    assert.equal(res.status, 303);
    return { path: localPath(res, TEST_PUBLIC_BASE), verifier };
  }

  /** Sign-in (when needed) and the consent page of a new request. */
  async function consentPage(
    browser: FormBrowser,
    user = 'alice',
    over: Record<string, string> = {},
  ) {
    const { path, verifier } = await authorize(browser, over);
    let consentPath = path;
    if (path.startsWith('/login')) {
      const signedIn = await browser.signIn(user, PASSWORD, path);
      consentPath = localPath(signedIn, TEST_PUBLIC_BASE);
    }
    assert.match(consentPath, /^\/consent\/[0-7][0-9A-Z]{25}$/);
    const page = await browser.get(consentPath);
    return { consentPath, page, verifier, grantId: consentPath.slice('/consent/'.length) };
  }

  const grantRow = (id: string) =>
    ds().getRepository(OAuth2AuthorizationGrantEntity).findOneByOrFail({ id });

  it('should walk login → consent → code → tokens with iss and state on the redirect', async () => {
    const browser = new FormBrowser(t);
    const { consentPath, page, verifier } = await consentPage(browser);
    assert.equal(page.status, 200);
    assert.equal(page.headers['x-frame-options'], 'DENY');
    assert.match(page.text, /Test &lt;Chat&gt; wants to access your account/);
    assert.match(page.text, /Know who you are/);
    assert.match(page.text, /Sign in as a new device \(session ABCDEFGHIJ\)/);
    assert.match(page.text, /@alice:example\.test/);
    assert.match(page.text, /sent back to app\.example\.org/);
    assert.match(page.text, /registered itself/);
    assert.match(page.text, /href="https:\/\/app\.example\.org\/privacy"/);

    const res = await browser.post(consentPath, { action: 'allow' }, page);
    assert.equal(res.status, 303);
    const location = new URL(res.headers.location);
    assert.equal(`${location.origin}${location.pathname}`, REDIRECT_URI);
    assert.equal(location.searchParams.get('state'), 'st');
    assert.equal(location.searchParams.get('iss'), TEST_ISSUER);
    const code = location.searchParams.get('code') ?? '';
    assert.match(code, /^[A-Za-z0-9]{32}$/);

    const tokens = await t
      .http()
      .post('/oauth2/token')
      .auth(client.id, client.secret ?? '')
      .type('form')
      .send({
        grant_type: 'authorization_code',
        code,
        redirect_uri: REDIRECT_URI,
        code_verifier: verifier,
      })
      .expect(200);
    const jwks = createLocalJWKSet((await t.http().get('/oauth2/keys.json')).body);
    const { payload } = await jwtVerify(tokens.body.id_token, jwks, {
      issuer: TEST_ISSUER,
      audience: client.id,
    });
    assert.equal(payload.nonce, 'nn');
    assert.equal(payload.preferred_username, 'alice');
  });

  it('should answer access_denied when the person cancels, and only once', async () => {
    const browser = new FormBrowser(t);
    const { consentPath, page, grantId } = await consentPage(browser);
    const res = await browser.post(consentPath, { action: 'deny' }, page);
    const location = new URL(res.headers.location);
    assert.equal(location.searchParams.get('error'), 'access_denied');
    assert.equal(location.searchParams.get('state'), 'st');
    assert.equal(location.searchParams.get('iss'), TEST_ISSUER);
    assert.equal(location.searchParams.get('code'), null);
    assert.ok((await grantRow(grantId)).cancelledAt);

    const again = await browser.post(consentPath, { action: 'allow' }, page);
    assert.equal(again.status, 400);
    assert.match(again.text, /already answered/);
    assert.equal(again.headers.location, undefined);
  });

  it('should fulfil a grant once: a second allow shows a page, not a second code', async () => {
    const browser = new FormBrowser(t);
    const { consentPath, page } = await consentPage(browser);
    assert.equal((await browser.post(consentPath, { action: 'allow' }, page)).status, 303);
    const again = await browser.post(consentPath, { action: 'allow' }, page);
    assert.equal(again.status, 400);
    assert.equal(again.headers.location, undefined);
  });

  it('should refuse a consent POST without the CSRF token', async () => {
    const browser = new FormBrowser(t);
    const { consentPath, grantId } = await consentPage(browser);
    const res = await browser.post(consentPath, { action: 'allow' });
    assert.equal(res.status, 403);
    assert.equal(res.headers.location, undefined);
    assert.equal((await grantRow(grantId)).fulfilledAt, null);
  });

  it('should send a signed-out browser from consent to login, keeping the way back', async () => {
    const signedIn = new FormBrowser(t);
    const { consentPath } = await consentPage(signedIn);
    const res = await new FormBrowser(t).get(consentPath);
    assert.equal(res.status, 303);
    const login = new URL(localPath(res, TEST_PUBLIC_BASE), TEST_PUBLIC_BASE);
    assert.equal(login.pathname, '/login');
    assert.equal(login.searchParams.get('next'), consentPath);
  });

  it('should show a page for an unknown or malformed grant id', async () => {
    const browser = new FormBrowser(t);
    await browser.signIn('alice', PASSWORD);
    for (const id of ['01J00000000000000000000000', 'not-a-ulid', '%00']) {
      const res = await browser.get(`/consent/${id}`);
      assert.equal(res.status, 404, id);
      assert.match(res.text, /no sign-in request at this address/);
    }
  });

  it('should refuse a grant left pending for more than an hour', async () => {
    const browser = new FormBrowser(t);
    const { consentPath, grantId } = await consentPage(browser);
    await ds()
      .getRepository(OAuth2AuthorizationGrantEntity)
      .update({ id: grantId }, { createdAt: new Date(Date.now() - 61 * 60 * 1000) });
    const res = await browser.get(consentPath);
    assert.equal(res.status, 400);
    assert.match(res.text, /expired/);
  });

  describe('admin scopes (MSC2967, MAS authorization_grant policy)', () => {
    const ADMIN = { scope: 'urn:matrix:client:api:* urn:synapse:admin:*' };

    it('should explain and refuse urn:synapse:admin:* to a non-admin, then return to the client', async () => {
      const browser = new FormBrowser(t);
      const { consentPath, page, grantId } = await consentPage(browser, 'dave', ADMIN);
      assert.equal(page.status, 200);
      assert.match(page.text, /asked for access that your account is not allowed to give/);
      assert.match(page.text, /scope &#39;urn:synapse:admin:\*&#39; not allowed/);
      assert.doesNotMatch(page.text, /value="allow"/);

      const forced = await browser.post(consentPath, { action: 'allow' }, page);
      assert.equal(forced.status, 403);
      assert.equal((await grantRow(grantId)).fulfilledAt, null);

      const back = await browser.post(consentPath, { action: 'deny' }, page);
      assert.equal(new URL(back.headers.location).searchParams.get('error'), 'access_denied');
    });

    it('should allow it to users who can request admin, or listed in policy.data.admin_users', async () => {
      for (const user of ['bob', 'carol']) {
        const browser = new FormBrowser(t);
        const { consentPath, page } = await consentPage(browser, user, ADMIN);
        assert.match(page.text, /Administer the Matrix server/, user);
        const res = await browser.post(consentPath, { action: 'allow' }, page);
        assert.ok(new URL(res.headers.location).searchParams.get('code'), user);
      }
    });
  });

  describe('re-authentication (OIDC Core §3.1.2.1 prompt=login, max_age)', () => {
    it('should make a signed-in person enter the password again for prompt=login', async () => {
      const browser = new FormBrowser(t);
      await browser.signIn('alice', PASSWORD);
      const sessionsBefore = await ds().getRepository(UserSessionEntity).count();
      const { path } = await authorize(browser, { prompt: 'login' });
      const consent = await browser.get(path);
      assert.equal(consent.status, 303);
      const reauth = localPath(consent, TEST_PUBLIC_BASE);
      assert.match(reauth, /^\/login\?.*reauth=1/);
      const form = await browser.get(reauth);
      assert.match(form.text, /Confirm your password to continue/);
      assert.match(form.text, /name="username" value="alice"/);

      const signedIn = await browser.post(reauth, { username: 'alice', password: PASSWORD }, form);
      assert.equal(localPath(signedIn, TEST_PUBLIC_BASE), path);
      const page = await browser.get(path);
      assert.equal(page.status, 200);
      assert.match(page.text, /value="allow"/);
      // The same browser session was re-authenticated, not replaced.
      assert.equal(await ds().getRepository(UserSessionEntity).count(), sessionsBefore);
    });

    it('should ask again when the last sign-in is older than max_age', async () => {
      const browser = new FormBrowser(t);
      await browser.signIn('alice', PASSWORD);
      const fresh = await authorize(browser, { max_age: '300' });
      assert.equal((await browser.get(fresh.path)).status, 200);

      const session = await ds()
        .getRepository(UserSessionEntity)
        .findOneOrFail({ where: { finishedAt: IsNull() }, order: { id: 'DESC' } });
      await ds()
        .getRepository(UserSessionAuthenticationEntity)
        .update({ userSessionId: session.id }, { createdAt: new Date(Date.now() - 600_000) });
      const stale = await authorize(browser, { max_age: '300' });
      const res = await browser.get(stale.path);
      assert.equal(res.status, 303);
      assert.match(localPath(res, TEST_PUBLIC_BASE), /reauth=1/);
    });

    it('should switch accounts when someone else signs in from “Not you?”', async () => {
      const activeOf = async (username: string): Promise<number> => {
        const rows: { n: number }[] = await ds().query(
          `SELECT count(*)::int AS n FROM user_sessions s JOIN users u USING (user_id)
            WHERE u.username = $1 AND s.finished_at IS NULL`,
          [username],
        );
        return rows[0].n;
      };
      const browser = new FormBrowser(t);
      const { consentPath, page } = await consentPage(browser, 'alice');
      const aliceBefore = await activeOf('alice');
      const switchLink = /href="https:\/\/auth\.example\.test\/(login\?[^"]+)"/.exec(page.text);
      assert.ok(switchLink);
      const loginUrl = `/${switchLink[1].replace(/&amp;/g, '&')}`;
      const signedIn = await browser.signIn('dave', PASSWORD, loginUrl);
      assert.equal(localPath(signedIn, TEST_PUBLIC_BASE), consentPath);
      const now = await browser.get(consentPath);
      assert.match(now.text, /@dave:example\.test/);
      // The browser's previous session (alice's) is finished, not left behind.
      assert.equal(await activeOf('alice'), aliceBefore - 1);
    });
  });

  describe('response modes (OAuth 2.0 Multiple Response Types, Form Post)', () => {
    it('should put the code in the fragment for response_mode=fragment', async () => {
      const browser = new FormBrowser(t);
      const { consentPath, page } = await consentPage(browser, 'alice', {
        response_mode: 'fragment',
      });
      const res = await browser.post(consentPath, { action: 'allow' }, page);
      const location = new URL(res.headers.location);
      assert.equal(location.search, '');
      const fragment = new URLSearchParams(location.hash.slice(1));
      assert.match(fragment.get('code') ?? '', /^[A-Za-z0-9]{32}$/);
      assert.equal(fragment.get('state'), 'st');
      assert.equal(fragment.get('iss'), TEST_ISSUER);
    });

    it('should post the code with a self-submitting form for response_mode=form_post', async () => {
      const browser = new FormBrowser(t);
      const { consentPath, page } = await consentPage(browser, 'alice', {
        response_mode: 'form_post',
      });
      const res = await browser.post(consentPath, { action: 'allow' }, page);
      assert.equal(res.status, 200);
      assert.match(res.text, new RegExp(`<form method="post" action="${REDIRECT_URI}"`));
      assert.match(res.text, /name="code" value="[A-Za-z0-9]{32}"/);
      assert.match(res.text, new RegExp(`name="iss" value="${TEST_ISSUER}"`));
      assert.match(res.text, /<button type="submit">/, 'works without JavaScript');
    });
  });

  it('should answer malformed consent submissions with a page, never a 500', async () => {
    const browser = new FormBrowser(t);
    const { consentPath, page, grantId } = await consentPage(browser);
    const csrf = /name="csrf" value="([^"]+)"/.exec(page.text)?.[1] ?? '';
    const bodies: [string, string, number][] = [
      ['an unknown action', `csrf=${csrf}&action=maybe`, 400],
      ['a repeated action', `csrf=${csrf}&action=allow&action=deny`, 400],
      ['a structured action', `csrf=${csrf}&action[x]=allow`, 400],
      ['no action', `csrf=${csrf}`, 400],
      ['a repeated CSRF token', `csrf=${csrf}&csrf=${csrf}&action=allow`, 403],
    ];
    for (const [name, body, status] of bodies) {
      const res = await t
        .http()
        .post(consentPath)
        .set('Cookie', browser.cookie)
        .type('form')
        .send(body);
      assert.equal(res.status, status, name);
      assert.match(res.headers['content-type'], /^text\/html/, name);
      assert.equal(res.headers.location, undefined, name);
    }
    const json = await t
      .http()
      .post(consentPath)
      .set('Cookie', browser.cookie)
      .send({ csrf, action: 'allow' });
    assert.equal(json.status, 400, 'a JSON body is not a form');
    const huge = await t
      .http()
      .post(consentPath)
      .set('Cookie', browser.cookie)
      .type('form')
      .send(`csrf=${csrf}&action=allow&pad=${'x'.repeat(300_000)}`);
    assert.equal(huge.status, 413);
    assert.equal((await grantRow(grantId)).fulfilledAt, null);
  });

  it('should let the token request omit redirect_uri when the authorization request did', async () => {
    const browser = new FormBrowser(t);
    const { consentPath, page, verifier } = await consentPage(browser, 'alice', {
      redirect_uri: '',
    });
    const res = await browser.post(consentPath, { action: 'allow' }, page);
    const code = new URL(res.headers.location).searchParams.get('code') ?? '';
    await t
      .http()
      .post('/oauth2/token')
      .auth(client.id, client.secret ?? '')
      .type('form')
      .send({ grant_type: 'authorization_code', code, code_verifier: verifier })
      .expect(200);
  });
});
