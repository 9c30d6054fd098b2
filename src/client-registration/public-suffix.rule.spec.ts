import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseClientMetadata } from './parse-client-metadata';
import { isPublicSuffix, publicSuffixViolations } from './public-suffix.rule';

function check(body: Record<string, unknown>) {
  const parsed = parseClientMetadata(body);
  assert.ok(parsed.ok, 'fixture must parse');
  return publicSuffixViolations(parsed.metadata);
}

describe('public-suffix rule (MSC2966, MAS host_is_public_suffix)', () => {
  const suffixes = ['com', '.com', 'co.uk', 'github.io', 'blogspot.com'];
  const domains = ['example.com', 'foo.github.io', 'a.b.co.uk', 'example.test', 'localhost'];
  for (const host of suffixes) {
    it(`should treat ${host} as a public suffix`, () => assert.ok(isPublicSuffix(host)));
  }
  for (const host of [...domains, '127.0.0.1', '::1', '']) {
    it(`should not treat '${host}' as a public suffix`, () => assert.ok(!isPublicSuffix(host)));
  }

  it('should refuse each URI field on a public suffix, naming it', () => {
    for (const field of ['client_uri', 'logo_uri', 'policy_uri', 'tos_uri', 'initiate_login_uri']) {
      assert.deepEqual(check({ [field]: 'https://co.uk/x' }), [
        { field, msg: `${field} is not using a valid domain` },
      ]);
    }
  });

  it('should refuse a redirect URI on a public suffix as redirect_uri', () => {
    assert.deepEqual(check({ redirect_uris: ['https://example.com/cb', 'https://github.io/cb'] }), [
      { field: 'redirect_uris', msg: 'redirect_uri is not using a valid domain' },
    ]);
  });

  it('should check every localized variant', () => {
    const body = { client_uri: 'https://example.com/', 'client_uri#fr': 'https://com/' };
    assert.deepEqual(check(body), [
      { field: 'client_uri', msg: 'client_uri is not using a valid domain' },
    ]);
    assert.deepEqual(check({ ...body, 'client_uri#fr': 'https://fr.example.com/' }), []);
  });

  it('should let custom-scheme and loopback redirect URIs through', () => {
    assert.deepEqual(check({ redirect_uris: ['com.example.app:/cb', 'http://[::1]:8080/'] }), []);
  });
});
