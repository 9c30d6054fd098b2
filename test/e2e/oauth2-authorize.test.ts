import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { OAuth2AuthorizationGrantEntity } from '../../src/storage/oauth2/oauth2-authorization-grant.entity';
import { UserAccounts } from '../../src/users/user-accounts.service';
import { addClient, REDIRECT_URI, type TestClient } from '../factories/code-flow.factory';
import { localPath, FormBrowser } from '../factories/form-browser';
import { createTestApp, type TestApp } from '../setup/test-app';
import { TEST_ISSUER, TEST_PUBLIC_BASE } from '../setup/test-config';

const VERIFIER = randomBytes(32).toString('base64url');
const CHALLENGE = createHash('sha256').update(VERIFIER).digest('base64url');

describe('authorization endpoint (RFC 6749 §4.1.1, OIDC Core §3.1.2, RFC 9207)', () => {
  let t: TestApp;
  let client: TestClient;
  let publicClient: TestClient;
  let noCodeClient: TestClient;
  let nativeClient: TestClient;
  before(async () => {
    t = await createTestApp();
    client = await addClient(t.running.app);
    publicClient = await addClient(t.running.app, { tokenEndpointAuthMethod: 'none' });
    noCodeClient = await addClient(t.running.app, {
      grantTypeAuthorizationCode: false,
      grantTypeClientCredentials: true,
    });
    nativeClient = await addClient(t.running.app, {
      tokenEndpointAuthMethod: 'none',
      redirectUris: ['http://127.0.0.1/callback', 'com.example.app:/callback'],
      applicationType: 'native',
    });
    await t.running.app
      .get(UserAccounts)
      .register({ username: 'alice', password: 'correct horse battery' });
  });
  after(async () => {
    await t.close();
  });

  /** A valid request of `c`, with `over` merged in (undefined removes a parameter). */
  function query(c: TestClient, over: Record<string, string | undefined> = {}): string {
    const params: Record<string, string | undefined> = {
      client_id: c.id,
      redirect_uri: REDIRECT_URI,
      response_type: 'code',
      scope: 'openid urn:matrix:client:api:* urn:matrix:client:device:ABCDEFGHIJ',
      state: 'state-123',
      nonce: 'nonce-456',
      code_challenge: CHALLENGE,
      code_challenge_method: 'S256',
      ...over,
    };
    const q = new URLSearchParams();
    for (const [k, v] of Object.entries(params)) if (v !== undefined) q.set(k, v);
    return q.toString();
  }

  /** The error parameters sent back to the redirect URI, checking `iss` and `state`. */
  function errorOf(location: string, where: 'query' | 'fragment' = 'query') {
    assert.ok(location.startsWith(REDIRECT_URI), `${location} goes to the client`);
    const url = new URL(location);
    const p = where === 'query' ? url.searchParams : new URLSearchParams(url.hash.slice(1));
    assert.equal(p.get('iss'), TEST_ISSUER, 'RFC 9207 iss on error responses');
    return {
      error: p.get('error'),
      description: p.get('error_description'),
      state: p.get('state'),
    };
  }

  async function pendingGrants(clientId: string) {
    return t.running.app
      .get(DataSource)
      .getRepository(OAuth2AuthorizationGrantEntity)
      .findBy({ oauth2ClientId: clientId });
  }

  it('should store a pending grant and send a signed-out browser to login, then consent', async () => {
    const res = await t
      .http()
      .get(`/authorize?${query(client, { login_hint: 'mxid:@alice:example.test' })}`)
      .expect(303);
    const path = localPath(res, TEST_PUBLIC_BASE);
    const login = new URL(path, TEST_PUBLIC_BASE);
    assert.equal(login.pathname, '/login');
    assert.equal(login.searchParams.get('login_hint'), 'mxid:@alice:example.test');
    const next = login.searchParams.get('next') ?? '';
    assert.match(next, /^\/consent\/[0-7][0-9A-Z]{25}$/);
    const grant = (await pendingGrants(client.id)).find((g) => next.endsWith(g.id));
    assert.ok(grant);
    assert.equal(grant.fulfilledAt, null);
    assert.equal(grant.authorizationCodeSha256, null);
    assert.equal(grant.redirectUri, REDIRECT_URI);
    assert.equal(grant.state, 'state-123');
    assert.equal(grant.nonce, 'nonce-456');
    assert.equal(grant.codeChallengeMethod, 'S256');
    assert.equal(grant.codeChallenge, CHALLENGE);
    assert.equal(grant.responseMode, 'query');
    assert.equal(grant.scope, 'openid urn:matrix:client:api:* urn:matrix:client:device:ABCDEFGHIJ');
    assert.equal(grant.loginHint, 'mxid:@alice:example.test');
  });

  it('should send a signed-in browser straight to consent', async () => {
    const browser = new FormBrowser(t);
    await browser.signIn('alice', 'correct horse battery');
    const res = await browser.get(`/authorize?${query(client)}`);
    assert.equal(res.status, 303);
    assert.match(localPath(res, TEST_PUBLIC_BASE), /^\/consent\/[0-7][0-9A-Z]{25}$/);
  });

  it('should accept the request as a form POST without a CSRF token (OIDC Core §3.1.2.1)', async () => {
    const res = await t.http().post('/authorize').type('form').send(query(client)).expect(303);
    assert.match(localPath(res, TEST_PUBLIC_BASE), /^\/login\?next=%2Fconsent%2F/);
  });

  describe('requests that must never redirect (RFC 6749 §4.1.2.1, RFC 9700 §4.11)', () => {
    const cases: [string, () => string, RegExp][] = [
      [
        'a missing client_id',
        () => query(client, { client_id: undefined }),
        /did not say who it is/,
      ],
      [
        'an unknown client',
        () => query(client, { client_id: '01J00000000000000000000000' }),
        /not registered with this server/,
      ],
      [
        'a client_id that is not a ULID',
        () => query(client, { client_id: "x' OR 1=1" }),
        /not registered/,
      ],
      [
        'an unregistered redirect_uri',
        () => query(client, { redirect_uri: 'https://evil.example/callback' }),
        /not one it registered/,
      ],
      [
        'a redirect_uri differing only by a trailing slash',
        () => query(client, { redirect_uri: `${REDIRECT_URI}/` }),
        /not one it registered/,
      ],
      [
        'a repeated redirect_uri',
        () => `${query(client)}&redirect_uri=${encodeURIComponent(REDIRECT_URI)}`,
        /more than once/,
      ],
      ['a repeated client_id', () => `${query(client)}&client_id=${client.id}`, /more than once/],
      [
        'a missing redirect_uri when several are registered',
        () => query(nativeClient, { redirect_uri: undefined }),
        /did not say where to send you back/,
      ],
    ];
    for (const [name, q, text] of cases) {
      it(`should show a readable page for ${name}`, async () => {
        const res = await t.http().get(`/authorize?${q()}`).set('Accept', 'text/html');
        assert.equal(res.status, 400);
        assert.equal(res.headers.location, undefined);
        assert.match(res.headers['content-type'], /^text\/html/);
        assert.match(res.text, text);
        assert.equal(res.headers['x-frame-options'], 'DENY');
        assert.doesNotMatch(res.text, /evil\.example/);
      });
    }
  });

  it('should default to the only registered redirect URI', async () => {
    const res = await t.http().get(`/authorize?${query(client, { redirect_uri: undefined })}`);
    assert.equal(res.status, 303);
    assert.match(localPath(res, TEST_PUBLIC_BASE), /^\/login\?/);
  });

  it('should accept any port on a registered loopback redirect URI (RFC 8252 §7.3)', async () => {
    const q = query(nativeClient, { redirect_uri: 'http://127.0.0.1:49152/callback' });
    const res = await t.http().get(`/authorize?${q}`).expect(303);
    assert.match(localPath(res, TEST_PUBLIC_BASE), /^\/login\?/);
    const other = await t
      .http()
      .get(`/authorize?${query(nativeClient, { redirect_uri: 'http://127.0.0.1:49152/other' })}`);
    assert.equal(other.status, 400);
  });

  describe('errors sent back to the client with state and iss', () => {
    const cases: [string, () => string, string, RegExp?][] = [
      [
        'a missing response_type',
        () => query(client, { response_type: undefined }),
        'invalid_request',
      ],
      [
        'the implicit flow',
        () => query(client, { response_type: 'token' }),
        'unsupported_response_type',
      ],
      [
        'a hybrid flow',
        () => query(client, { response_type: 'code id_token' }),
        'unsupported_response_type',
      ],
      ['a client without the code grant', () => query(noCodeClient), 'unauthorized_client'],
      [
        'an unknown response_mode',
        () => query(client, { response_mode: 'jwt' }),
        'invalid_request',
      ],
      ['a request object', () => query(client, { request: 'eyJ.x.y' }), 'request_not_supported'],
      ['a request_uri', () => query(client, { request_uri: 'urn:x' }), 'request_uri_not_supported'],
      [
        'a registration parameter',
        () => query(client, { registration: '{}' }),
        'registration_not_supported',
      ],
      [
        'PKCE plain',
        () => query(client, { code_challenge: VERIFIER, code_challenge_method: 'plain' }),
        'invalid_request',
        /S256/,
      ],
      [
        'a code_challenge without a method (plain by default)',
        () => query(client, { code_challenge_method: undefined }),
        'invalid_request',
        /meaning plain/,
      ],
      [
        'a malformed code_challenge',
        () => query(client, { code_challenge: 'short' }),
        'invalid_request',
      ],
      [
        'a method without a challenge',
        () => query(client, { code_challenge: undefined }),
        'invalid_request',
      ],
      [
        'a public client without PKCE',
        () => query(publicClient, { code_challenge: undefined, code_challenge_method: undefined }),
        'invalid_request',
        /public clients must use PKCE/,
      ],
      [
        'an unknown scope',
        () => query(client, { scope: 'openid profile' }),
        'invalid_scope',
        /profile/,
      ],
      [
        'mixed stable and unstable Matrix scopes',
        () =>
          query(client, {
            scope: 'urn:matrix:client:api:* urn:matrix:org.matrix.msc2967.client:device:ABCDEFGHIJ',
          }),
        'invalid_scope',
        /cannot mix unstable and stable scopes/,
      ],
      [
        'a short device id',
        () => query(client, { scope: 'urn:matrix:client:api:* urn:matrix:client:device:AB' }),
        'invalid_scope',
      ],
      [
        'a scope with a forbidden character',
        () => query(client, { scope: 'open"id' }),
        'invalid_scope',
      ],
      ['an unknown prompt', () => query(client, { prompt: 'sideways' }), 'invalid_request'],
      [
        'prompt=create while registration is not offered',
        () => query(client, { prompt: 'create' }),
        'invalid_request',
        /prompt 'create' is not supported/,
      ],
      [
        'prompt=none with another value',
        () => query(client, { prompt: 'none login' }),
        'invalid_request',
      ],
      ['a negative max_age', () => query(client, { max_age: '-1' }), 'invalid_request'],
      ['a repeated parameter', () => `${query(client)}&scope=openid`, 'invalid_request', /scope/],
      [
        'a parameter too long to store',
        () => query(client, { nonce: 'n'.repeat(5000) }),
        'invalid_request',
        /nonce/,
      ],
      ['prompt=none without a session', () => query(client, { prompt: 'none' }), 'login_required'],
    ];
    for (const [name, q, error, description] of cases) {
      it(`should answer ${error} for ${name}`, async () => {
        const res = await t.http().get(`/authorize?${q()}`);
        assert.equal(res.status, 303);
        const got = errorOf(res.headers.location);
        assert.equal(got.error, error);
        assert.equal(got.state, 'state-123');
        assert.ok(got.description, 'error_description is set');
        assert.match(
          got.description,
          /^[\x20\x21\x23-\x5B\x5D-\x7E]*$/,
          'RFC 6749 §4.1.2.1 charset',
        );
        if (description) assert.match(got.description, description);
      });
    }
  });

  it('should keep an allowed admin scope for consent to judge', async () => {
    const res = await t
      .http()
      .get(`/authorize?${query(client, { scope: 'urn:matrix:client:api:* urn:synapse:admin:*' })}`);
    assert.equal(res.status, 303);
    assert.match(localPath(res, TEST_PUBLIC_BASE), /^\/login\?/);
  });

  it('should answer consent_required to prompt=none in a signed-in browser', async () => {
    const browser = new FormBrowser(t);
    await browser.signIn('alice', 'correct horse battery');
    const res = await browser.get(`/authorize?${query(client, { prompt: 'none' })}`);
    assert.equal(errorOf(res.headers.location).error, 'consent_required');
  });

  it('should send errors in the fragment for response_mode=fragment', async () => {
    const res = await t
      .http()
      .get(`/authorize?${query(client, { response_mode: 'fragment', response_type: 'token' })}`);
    const location = res.headers.location;
    assert.equal(new URL(location).search, '');
    assert.equal(errorOf(location, 'fragment').error, 'unsupported_response_type');
  });

  it('should post errors back with an HTML form for response_mode=form_post', async () => {
    const res = await t
      .http()
      .get(`/authorize?${query(client, { response_mode: 'form_post', scope: 'bogus' })}`)
      .expect(200);
    assert.match(res.text, new RegExp(`<form method="post" action="${REDIRECT_URI}"`));
    assert.match(res.text, /name="error" value="invalid_scope"/);
    assert.match(res.text, /name="state" value="state-123"/);
    assert.match(res.text, new RegExp(`name="iss" value="${TEST_ISSUER}"`));
    assert.equal(res.headers['cache-control'], 'no-store');
  });

  it('should never answer 500 to malformed requests', async () => {
    const odd = [
      '',
      'client_id[]=x',
      `client_id=${client.id}&redirect_uri[a]=b`,
      `client_id=${client.id}&response_type[]=code`,
      `client_id=${'A'.repeat(26)}`,
      `client_id=%00&redirect_uri=%00`,
      `${query(client)}&state=%E2%80%AE%00`,
      `${query(client, { scope: '\u00e9' })}`,
      Array.from({ length: 200 }, (_, i) => `p${i}=1`).join('&'),
    ];
    for (const q of odd) {
      const res = await t.http().get(`/authorize?${q}`);
      assert.ok([303, 200, 400].includes(res.status), `${q.slice(0, 60)} gave ${res.status}`);
    }
  });
});
