import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseClientMetadata } from './parse-client-metadata';
import { structuralViolations } from './structural.rules';

function check(body: Record<string, unknown>): string[] {
  const parsed = parseClientMetadata(body);
  assert.ok(parsed.ok, 'fixture must parse');
  return structuralViolations(parsed.metadata).map((v) => v.msg);
}

const CB = { redirect_uris: ['http://localhost/oidc'] };
const JWKS = { keys: [{ kty: 'RSA', n: 'AQAB', e: 'AQAB' }] };

describe('structural client metadata rules (RFC 7591 §2, MAS ClientMetadata::validate)', () => {
  it('should accept the minimal metadata', () => {
    assert.deepEqual(check(CB), []);
  });

  it('should require redirect URIs for the default authorization_code grant', () => {
    assert.deepEqual(check({}), ['redirect URIs are missing']);
    assert.deepEqual(check({ grant_types: ['implicit'], response_types: ['token'] }), [
      'redirect URIs are missing',
    ]);
    assert.deepEqual(check({ grant_types: ['client_credentials'] }), []);
  });

  it('should refuse redirect URIs with a fragment, even an empty one', () => {
    assert.deepEqual(check({ redirect_uris: ['http://localhost/', 'http://localhost/#frag'] }), [
      'redirect URI with fragment: http://localhost/#frag',
    ]);
    assert.equal(check({ redirect_uris: ['http://localhost/#'] }).length, 1);
    assert.deepEqual(check({ redirect_uris: ['http://localhost/my-client?oidc'] }), []);
  });

  const responseTypes: [string[], string, boolean][] = [
    [['authorization_code'], 'code', true],
    [['authorization_code'], 'code id_token', false],
    [['authorization_code'], 'code id_token token', false],
    [['authorization_code'], 'code token', false],
    [['authorization_code'], 'id_token', false],
    [['authorization_code'], 'token', false],
    [['authorization_code'], 'none', true],
    [['implicit'], 'code', false],
    [['implicit'], 'id_token', true],
    [['implicit'], 'id_token token', true],
    [['implicit'], 'token', true],
    [['authorization_code', 'implicit'], 'code id_token token', true],
    [['authorization_code', 'implicit'], 'token', true],
  ];
  for (const [grants, rt, ok] of responseTypes) {
    it(`should ${ok ? 'accept' : 'refuse'} response type '${rt}' with ${grants.join('+')}`, () => {
      const got = check({ ...CB, grant_types: grants, response_types: [rt] });
      assert.deepEqual(got, ok ? [] : [`'${rt}' response type not compatible with grant types`]);
    });
  }

  it('should refuse jwks together with jwks_uri', () => {
    assert.deepEqual(check({ ...CB, jwks: JWKS, jwks_uri: 'https://example.com/jwks' }), [
      'jwks_uri and jwks are mutually exclusive',
    ]);
  });

  it('should require https for sector_identifier_uri and initiate_login_uri', () => {
    assert.deepEqual(check({ ...CB, sector_identifier_uri: 'http://example.com/s' }), [
      "sector_identifier_uri's URL doesn't use a https scheme: http://example.com/s",
    ]);
    assert.deepEqual(check({ ...CB, initiate_login_uri: 'http://example.com/l' }), [
      "initiate_login_uri's URL doesn't use a https scheme: http://example.com/l",
    ]);
    assert.deepEqual(check({ ...CB, initiate_login_uri: 'https://example.com/l' }), []);
  });

  it('should require keys for private_key_jwt', () => {
    const base = { ...CB, token_endpoint_auth_method: 'private_key_jwt' };
    assert.deepEqual(check({ ...base, token_endpoint_auth_signing_alg: 'RS256' }), [
      'missing JWK Set for token auth method',
    ]);
    assert.deepEqual(check({ ...base, token_endpoint_auth_signing_alg: 'RS256', jwks: JWKS }), []);
    assert.deepEqual(
      check({ ...base, token_endpoint_auth_signing_alg: 'RS256', jwks_uri: 'https://e.com/j' }),
      [],
    );
  });

  it('should refuse alg none for the token endpoint and require an alg for JWT methods', () => {
    assert.deepEqual(check({ ...CB, token_endpoint_auth_signing_alg: 'none' }), [
      'none signing alg unauthorized for token_endpoint',
    ]);
    assert.deepEqual(check({ ...CB, token_endpoint_auth_method: 'client_secret_jwt' }), [
      'token_endpoint missing auth signing algorithm',
    ]);
    assert.deepEqual(
      check({
        ...CB,
        token_endpoint_auth_method: 'client_secret_jwt',
        token_endpoint_auth_signing_alg: 'HS256',
      }),
      [],
    );
  });

  it('should refuse unsigned ID tokens only when the front channel returns one', () => {
    const implicit = { ...CB, grant_types: ['implicit'], id_token_signed_response_alg: 'none' };
    assert.deepEqual(check({ ...implicit, response_types: ['id_token'] }), [
      'ID Token signing alg is none',
    ]);
    assert.deepEqual(check({ ...CB, id_token_signed_response_alg: 'none' }), []);
  });

  it('should refuse an encryption enc without its alg', () => {
    assert.deepEqual(check({ ...CB, id_token_encrypted_response_enc: 'A128GCM' }), [
      'id_token missing encryption alg value',
    ]);
    assert.deepEqual(check({ ...CB, userinfo_encrypted_response_enc: 'A128GCM' }), [
      'userinfo missing encryption alg value',
    ]);
    assert.deepEqual(check({ ...CB, request_object_encryption_enc: 'A128GCM' }), [
      'request_object missing encryption alg value',
    ]);
    assert.deepEqual(check({ ...CB, introspection_encrypted_response_enc: 'A128GCM' }), [
      'introspection missing encryption alg value',
    ]);
    assert.deepEqual(
      check({
        ...CB,
        id_token_encrypted_response_enc: 'A128GCM',
        id_token_encrypted_response_alg: 'RSA-OAEP',
      }),
      [],
    );
  });
});
