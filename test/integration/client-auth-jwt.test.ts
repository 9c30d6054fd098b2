import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { exportJWK, generateKeyPair } from 'jose';
import { ulid } from 'ulid';
import { createTestDatabase, type TestDatabase } from '../setup/test-database';
import {
  addClient,
  assertionBody,
  basic,
  claims,
  type ClientAuthHarness,
  harness,
  ISSUER,
  rejectsWith,
  sign,
  TOKEN_ENDPOINT,
} from './client-auth-fixtures';

type KeyPair = Awaited<ReturnType<typeof generateKeyPair>>;

const AT_TOKEN = { endpointUrl: TOKEN_ENDPOINT };
const enc = (s: string) => new TextEncoder().encode(s);

describe('client authentication with JWT assertions (RFC 7523 §3)', () => {
  let db: TestDatabase;
  let h: ClientAuthHarness;
  const secret = 'a-shared-secret-of-reasonable-length-0123456789';
  let hmacClient: string;
  let hs256Client: string;
  let keyClient: string;
  let keys: KeyPair;
  let otherKeys: KeyPair;

  const hmac = (clientId: string, over = {}, alg = 'HS256', key = secret) =>
    sign(claims(h, clientId, over), enc(key), { alg });
  const signed = (clientId: string, over = {}, kid = 'k1', key = keys.privateKey) =>
    sign(claims(h, clientId, over), key, { alg: 'ES256', kid });
  const auth = (assertion: string, extra: Record<string, unknown> = {}) =>
    h.auth.authenticate({ body: assertionBody(assertion, extra) }, AT_TOKEN);

  before(async () => {
    db = await createTestDatabase();
    h = harness(db);
    keys = await generateKeyPair('ES256');
    otherKeys = await generateKeyPair('ES256');
    hmacClient = await addClient(h, { method: 'client_secret_jwt', secret });
    hs256Client = await addClient(h, { method: 'client_secret_jwt', secret, signingAlg: 'HS256' });
    const jwk = { ...(await exportJWK(keys.publicKey)), kid: 'k1', alg: 'ES256', use: 'sig' };
    keyClient = await addClient(h, { method: 'private_key_jwt', jwks: { keys: [jwk] } });
  });

  after(async () => {
    await db?.drop();
  });

  it('should authenticate a client_secret_jwt client with an HMAC assertion', async () => {
    for (const alg of ['HS256', 'HS384', 'HS512']) {
      const result = await auth(await hmac(hmacClient, {}, alg));
      assert.equal(result.client.id, hmacClient);
      assert.equal(result.method, 'client_secret_jwt');
    }
  });

  it('should authenticate a private_key_jwt client with a key from its jwks', async () => {
    const result = await auth(await signed(keyClient));
    assert.equal(result.client.id, keyClient);
    assert.equal(result.method, 'private_key_jwt');
  });

  it('should accept the issuer as aud, alone or in a list, and a matching form client_id', async () => {
    await auth(await hmac(hmacClient, { aud: ISSUER }));
    await auth(await hmac(hmacClient, { aud: ['https://other.example/', ISSUER] }));
    await auth(await hmac(hmacClient), { client_id: hmacClient });
  });

  it('should refuse an iss other than the client_id', async () => {
    await rejectsWith(auth(await hmac(hmacClient, { iss: ulid() })), 'invalid_client', /iss/);
  });

  it('should refuse a missing sub, a sub of another client and a form client_id mismatch', async () => {
    await rejectsWith(auth(await hmac(hmacClient, { sub: undefined })), 'invalid_client', /sub/);
    // Signed with the other client's secret: `sub` names it, `iss` does not.
    await rejectsWith(auth(await hmac(hs256Client, { iss: hmacClient })), 'invalid_client', /iss/);
    await rejectsWith(auth(await hmac(hmacClient), { client_id: hs256Client }), 'invalid_request');
  });

  it('should refuse an aud that names neither the issuer nor the endpoint', async () => {
    await rejectsWith(
      auth(await hmac(hmacClient, { aud: 'https://elsewhere.example/token' })),
      'invalid_client',
      /aud/,
    );
    await rejectsWith(auth(await hmac(hmacClient, { aud: undefined })), 'invalid_client', /aud/);
  });

  it('should refuse an expired assertion and a missing exp', async () => {
    const past = Math.floor(h.clock.now().getTime() / 1000) - 120;
    await rejectsWith(
      auth(await hmac(hmacClient, { iat: past - 60, exp: past })),
      'invalid_client',
      /expired/,
    );
    await rejectsWith(auth(await hmac(hmacClient, { exp: undefined })), 'invalid_client', /exp/);
  });

  it('should refuse an exp more than five minutes ahead of now or of iat', async () => {
    const now = Math.floor(h.clock.now().getTime() / 1000);
    await rejectsWith(
      auth(await hmac(hmacClient, { iat: undefined, exp: now + 3600 })),
      'invalid_client',
      /too far/,
    );
    await rejectsWith(
      auth(await hmac(hmacClient, { iat: now - 200, exp: now + 200 })),
      'invalid_client',
      /lifetime/,
    );
  });

  it('should refuse an iat or nbf in the future beyond the clock skew', async () => {
    const now = Math.floor(h.clock.now().getTime() / 1000);
    await rejectsWith(
      auth(await hmac(hmacClient, { iat: now + 120, exp: now + 180 })),
      'invalid_client',
      /iat/,
    );
    await rejectsWith(auth(await hmac(hmacClient, { nbf: now + 120 })), 'invalid_client', /nbf/);
    // Within the skew both are fine.
    await auth(await hmac(hmacClient, { iat: now + 10, nbf: now + 10 }));
  });

  it('should refuse an assertion without jti', async () => {
    await rejectsWith(auth(await hmac(hmacClient, { jti: undefined })), 'invalid_client', /jti/);
  });

  it('should refuse a replayed jti, also from another process, until it expires', async () => {
    const assertion = await hmac(hmacClient);
    await auth(assertion);
    await rejectsWith(auth(assertion), 'invalid_client', /already used/);
    await rejectsWith(
      h.newAuthenticator().authenticate({ body: assertionBody(assertion) }, AT_TOKEN),
      'invalid_client',
      /already used/,
    );
    // The same jti from another client is a different assertion.
    const jti = ulid();
    await auth(await hmac(hmacClient, { jti }));
    await auth(await hmac(hs256Client, { jti }));
  });

  it('should purge expired jti rows and accept a jti again once its row expired', async () => {
    const jti = ulid();
    await auth(await hmac(hmacClient, { jti }));
    h.clock.advance(10 * 60_000);
    await auth(await hmac(hmacClient, { jti }));
    h.clock.advance(10 * 60_000);
    const purged = await h.assertions.purgeExpired(h.clock.now());
    assert.ok(purged >= 1, `purged ${purged}`);
    assert.equal(await h.assertions.purgeExpired(h.clock.now()), 0);
  });

  it('should require the registered token_endpoint_auth_signing_alg', async () => {
    await auth(await hmac(hs256Client));
    await rejectsWith(auth(await hmac(hs256Client, {}, 'HS512')), 'invalid_client', /alg HS512/);
  });

  it('should refuse alg none', async () => {
    const b64 = (v: object) => Buffer.from(JSON.stringify(v)).toString('base64url');
    const unsigned = `${b64({ alg: 'none' })}.${b64(claims(h, hmacClient))}.`;
    await rejectsWith(auth(unsigned), 'invalid_client', /alg none/);
  });

  it('should refuse an HMAC assertion signed with another key', async () => {
    await rejectsWith(
      auth(await hmac(hmacClient, {}, 'HS256', 'the wrong secret')),
      'invalid_client',
      /signature/,
    );
  });

  it('should refuse an HMAC assertion for a private_key_jwt client and the reverse', async () => {
    await rejectsWith(auth(await hmac(keyClient)), 'invalid_client', /alg HS256/);
    await rejectsWith(auth(await signed(hmacClient)), 'invalid_client', /alg ES256/);
  });

  it('should refuse an unknown kid and a signature by another key', async () => {
    await rejectsWith(auth(await signed(keyClient, {}, 'k2')), 'invalid_client', /no client key/);
    await rejectsWith(
      auth(await signed(keyClient, {}, 'k1', otherKeys.privateKey)),
      'invalid_client',
      /signature/,
    );
  });

  it('should refuse an assertion beside a Basic header or of an unknown type', async () => {
    const assertion = await hmac(hmacClient);
    await rejectsWith(
      h.auth.authenticate(
        { authorization: basic(hmacClient, secret), body: assertionBody(assertion) },
        AT_TOKEN,
      ),
      'invalid_request',
    );
    await rejectsWith(
      auth(assertion, {
        client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:saml2-bearer',
      }),
      'invalid_client',
      /client_assertion_type/,
    );
    await rejectsWith(auth('not-a-jwt'), 'invalid_client', /not a valid JWT/);
  });

  it('should refuse a correct secret sent by Basic for a client_secret_jwt client', async () => {
    await rejectsWith(
      h.auth.authenticate({ authorization: basic(hmacClient, secret), body: {} }, AT_TOKEN),
      'invalid_client',
      /registered for client_secret_jwt/,
    );
  });
});
