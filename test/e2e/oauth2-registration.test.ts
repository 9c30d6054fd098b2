import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Encrypter } from '../../src/core';
import { clientRow, sha256, WEB } from '../factories/client-registration.factory';
import { createTestApp, type TestApp } from '../setup/test-app';
import { TEST_PUBLIC_BASE } from '../setup/test-config';

const ULID = /^[0-9A-HJKMNP-TV-Z]{26}$/;

/** What matrix-js-sdk 37 sends (registerOidcClient). */
const NATIVE = {
  client_name: 'Element X',
  client_uri: 'https://element.io/',
  application_type: 'native',
  redirect_uris: ['io.element.app:/callback', 'http://127.0.0.1:8123/cb'],
  token_endpoint_auth_method: 'none',
  grant_types: ['authorization_code', 'refresh_token'],
  response_types: ['code'],
  id_token_signed_response_alg: 'RS256',
  contacts: ['support@element.io'],
  'client_name#fr': 'Element X (fr)',
};

describe('dynamic client registration (RFC 7591, MSC2966)', () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp();
  });
  after(async () => {
    await t.close();
  });

  const register = (body: unknown) =>
    t
      .http()
      .post('/oauth2/registration')
      .send(body as object);

  it('should register a matrix-js-sdk native client without a secret', async () => {
    const res = await register(NATIVE).expect(201);
    assert.equal(res.headers['cache-control'], 'no-store');
    assert.match(res.body.client_id, ULID);
    assert.equal(typeof res.body.client_id_issued_at, 'number');
    assert.equal(res.body.client_secret, undefined);
    assert.deepEqual(res.body.redirect_uris, [
      'http://127.0.0.1:8123/cb',
      'io.element.app:/callback',
    ]);
    assert.deepEqual(res.body.grant_types, ['authorization_code', 'refresh_token']);
    assert.equal(res.body.application_type, 'native');
    assert.equal(res.body.client_name, 'Element X');
    assert.equal(res.body.token_endpoint_auth_method, 'none');
    assert.equal(res.body.id_token_signed_response_alg, 'RS256');
    assert.equal(res.body['client_name#fr'], undefined, 'localized variants are not stored');
    assert.equal(
      res.body.registration_client_uri,
      `${TEST_PUBLIC_BASE}oauth2/registration/${res.body.client_id}`,
    );
    const row = await clientRow(t, res.body.client_id);
    assert.ok(row);
    assert.equal(row.encrypted_client_secret, null);
    assert.equal(row.is_static, false);
    assert.deepEqual(
      row.registration_access_token_sha256,
      sha256(res.body.registration_access_token),
    );
  });

  it('should return the same client for an identical secret-less registration and share it', async () => {
    const first = await register({ ...WEB, token_endpoint_auth_method: 'none' }).expect(201);
    const reordered = {
      token_endpoint_auth_method: 'none',
      redirect_uris: WEB.redirect_uris,
      grant_types: ['refresh_token', 'authorization_code'],
      client_uri: 'https://EXAMPLE.com',
      client_name: WEB.client_name,
    };
    const second = await register(reordered).expect(201);
    assert.equal(second.body.client_id, first.body.client_id);
    assert.equal(second.body.registration_access_token, undefined);
    // A shared client belongs to no single registrant: the first token stops working.
    await t
      .http()
      .get(`/oauth2/registration/${first.body.client_id}`)
      .set('Authorization', `Bearer ${first.body.registration_access_token}`)
      .expect(401);
    const other = await register({ ...reordered, client_name: 'Other' }).expect(201);
    assert.notEqual(other.body.client_id, first.body.client_id);
  });

  it('should issue a confidential web client a secret stored encrypted', async () => {
    const res = await register(WEB).expect(201);
    assert.equal(res.body.token_endpoint_auth_method, 'client_secret_basic');
    assert.match(res.body.client_secret, /^[A-Za-z0-9]{32,}$/);
    assert.equal(res.body.client_secret_expires_at, 0);
    const row = await clientRow(t, res.body.client_id);
    assert.ok(row);
    const stored = String(row.encrypted_client_secret);
    assert.ok(!stored.includes(res.body.client_secret), 'the secret is not stored in clear');
    const encrypter = new Encrypter(t.config.secrets.encryptionKey());
    assert.equal(encrypter.decryptString(stored), res.body.client_secret);
    assert.equal(row.metadata_digest, null);
    const again = await register(WEB).expect(201);
    assert.notEqual(
      again.body.client_id,
      res.body.client_id,
      'clients with secrets are never shared',
    );
  });

  it('should list registration_endpoint in discovery', async () => {
    const res = await t.http().get('/.well-known/openid-configuration').expect(200);
    assert.equal(res.body.registration_endpoint, `${TEST_PUBLIC_BASE}oauth2/registration`);
  });

  it('should answer 405 to GET on the registration endpoint', async () => {
    const res = await t.http().get('/oauth2/registration').expect(405);
    assert.equal(res.headers.allow, 'POST');
  });

  const errors: [string, unknown, string, RegExp?][] = [
    ['an empty object', {}, 'invalid_redirect_uri', /redirect URIs are missing/],
    ['an array', [], 'invalid_client_metadata'],
    [
      'a wrongly typed field',
      { ...WEB, redirect_uris: 'https://example.com/' },
      'invalid_client_metadata',
      /redirect_uris/,
    ],
    ['a relative redirect URI', { ...WEB, redirect_uris: ['/cb'] }, 'invalid_redirect_uri'],
    [
      'a redirect URI with a fragment',
      { ...WEB, redirect_uris: ['https://example.com/cb#x'] },
      'invalid_redirect_uri',
      /fragment/,
    ],
    [
      'a client_uri on a public suffix',
      { ...WEB, client_uri: 'https://co.uk/' },
      'invalid_client_metadata',
      /^client_uri is not using a valid domain$/,
    ],
    [
      'a localized tos_uri on a public suffix',
      { ...WEB, tos_uri: 'https://example.com/tos', 'tos_uri#fr': 'https://github.io/tos' },
      'invalid_client_metadata',
      /tos_uri is not using a valid domain/,
    ],
    [
      'a redirect URI on a public suffix',
      { ...WEB, redirect_uris: ['https://com/cb'] },
      'invalid_redirect_uri',
      /redirect_uri is not using a valid domain/,
    ],
    [
      'a missing client_uri',
      { redirect_uris: ['https://example.com/cb'] },
      'invalid_redirect_uri',
      /missing client_uri; invalid redirect_uri/,
    ],
    [
      'a missing client_uri (no redirects)',
      { grant_types: ['client_credentials'] },
      'invalid_client_metadata',
      /^missing client_uri$/,
    ],
    [
      'an insecure client_uri',
      { ...WEB, client_uri: 'http://example.com/' },
      'invalid_client_metadata',
      /^invalid client_uri$/,
    ],
    [
      'a redirect URI on another host',
      { ...WEB, redirect_uris: ['https://evil.org/cb'] },
      'invalid_redirect_uri',
      /^invalid redirect_uri$/,
    ],
    [
      'a logo on another host',
      { ...WEB, logo_uri: 'https://evil.org/l.png' },
      'invalid_client_metadata',
      /logo_uri not on the same host/,
    ],
    [
      'client_credentials for a public client',
      {
        client_uri: 'https://example.com/',
        grant_types: ['client_credentials'],
        token_endpoint_auth_method: 'none',
      },
      'invalid_client_metadata',
      /requires some form of client authentication/,
    ],
    [
      'jwks and jwks_uri together',
      { ...WEB, jwks_uri: 'https://example.com/jwks', jwks: { keys: [] } },
      'invalid_client_metadata',
      /mutually exclusive/,
    ],
    [
      'private_key_jwt without keys',
      {
        ...WEB,
        token_endpoint_auth_method: 'private_key_jwt',
        token_endpoint_auth_signing_alg: 'RS256',
      },
      'invalid_client_metadata',
      /missing JWK Set/,
    ],
    [
      'an ID token algorithm no configured key signs with',
      { ...WEB, id_token_signed_response_alg: 'HS256' },
      'invalid_client_metadata',
      /id_token_signed_response_alg 'HS256' is not supported/,
    ],
    [
      'an unsigned userinfo response algorithm',
      { ...WEB, userinfo_signed_response_alg: 'none' },
      'invalid_client_metadata',
      /userinfo_signed_response_alg 'none' is not supported/,
    ],
    [
      'an incoherent response type',
      { ...WEB, response_types: ['token'] },
      'invalid_client_metadata',
      /not compatible/,
    ],
  ];
  for (const [name, body, code, description] of errors) {
    it(`should refuse ${name} with 400 ${code}`, async () => {
      const res = await register(body).expect(400);
      assert.equal(res.body.error, code);
      assert.equal(res.headers['cache-control'], 'no-store');
      if (description) assert.match(res.body.error_description, description);
    });
  }

  const rawBodies: [string, string, string, number][] = [
    ['a JSON string', 'application/json', '"x"', 400],
    ['malformed JSON', 'application/json', '{"client_uri":', 400],
    ['a text body', 'text/plain', 'client_uri=x', 400],
    ['a form body', 'application/x-www-form-urlencoded', 'client_uri=x', 400],
    ['a huge body', 'application/json', `{"client_name":"${'x'.repeat(300_000)}"}`, 413],
  ];
  for (const [name, type, body, status] of rawBodies) {
    it(`should answer ${status}, never 500, to ${name}`, async () => {
      const res = await t
        .http()
        .post('/oauth2/registration')
        .set('Content-Type', type)
        .send(body)
        .expect(status);
      assert.equal(res.body.error, 'invalid_request');
    });
  }
});
