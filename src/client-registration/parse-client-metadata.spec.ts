import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { canonicalJson, metadataDigest } from './canonical-json';
import { parseClientMetadata } from './parse-client-metadata';

describe('parseClientMetadata (RFC 7591 §2, §2.2, §3.2.2)', () => {
  it('should refuse a body that is not an object', () => {
    for (const body of [[], 'x', 1, null, true]) {
      const r = parseClientMetadata(body);
      assert.ok(!r.ok);
      assert.equal(r.code, 'invalid_client_metadata');
    }
  });

  const wrongTypes: [string, unknown][] = [
    ['redirect_uris', 'https://example.com/cb'],
    ['redirect_uris', [1]],
    ['client_name', 5],
    ['grant_types', 'authorization_code'],
    ['require_auth_time', 'yes'],
    ['default_max_age', -1],
    ['jwks', { keys: 'nope' }],
    ['token_endpoint_auth_method', 'magic'],
    ['application_type', 'desktop'],
    ['id_token_signed_response_alg', 'XX999'],
    ['response_types', ['code bogus']],
  ];
  for (const [field, value] of wrongTypes) {
    it(`should refuse ${field}=${JSON.stringify(value)} as invalid_client_metadata naming it`, () => {
      const r = parseClientMetadata({ [field]: value });
      assert.ok(!r.ok);
      assert.equal(r.code, 'invalid_client_metadata');
      assert.match(r.description, new RegExp(field));
    });
  }

  it('should refuse a redirect URI that is not absolute as invalid_redirect_uri', () => {
    const r = parseClientMetadata({ redirect_uris: ['/relative'] });
    assert.ok(!r.ok);
    assert.equal(r.code, 'invalid_redirect_uri');
  });

  it('should refuse private or symmetric keys in jwks', () => {
    for (const key of [
      { kty: 'RSA', n: 'x', e: 'AQAB', d: 'secret' },
      { kty: 'oct', k: 'x' },
    ]) {
      const r = parseClientMetadata({ jwks: { keys: [key] } });
      assert.ok(!r.ok);
    }
  });

  it('should accept RS256 as id_token_signed_response_alg (matrix-js-sdk)', () => {
    const r = parseClientMetadata({ id_token_signed_response_alg: 'RS256' });
    assert.ok(r.ok);
    assert.equal(r.metadata.id_token_signed_response_alg, 'RS256');
  });

  it('should ignore unknown fields and treat null as absent', () => {
    const r = parseClientMetadata({ frobnicate: 1, client_name: null, 'redirect_uris#fr': 'x' });
    assert.ok(r.ok);
    assert.deepEqual(r.metadata, {});
  });

  it('should collect localized variants sorted by language tag', () => {
    const r = parseClientMetadata({
      client_name: 'App',
      'client_name#fr': 'Appli',
      'client_name#de': 'Anwendung',
    });
    assert.ok(r.ok);
    assert.deepEqual(r.metadata.client_name, {
      value: 'App',
      variants: [
        ['de', 'Anwendung'],
        ['fr', 'Appli'],
      ],
    });
  });

  it('should refuse a localized variant without its plain field, or a bad tag', () => {
    assert.ok(!parseClientMetadata({ 'client_name#fr': 'Appli' }).ok);
    assert.ok(!parseClientMetadata({ client_name: 'A', 'client_name#': 'B' }).ok);
    assert.ok(!parseClientMetadata({ client_uri: 'https://a.com/', 'client_uri#fr': 'x y' }).ok);
  });

  it('should canonicalise URIs, response types and list order', () => {
    const r = parseClientMetadata({
      client_uri: 'HTTPS://Example.COM',
      redirect_uris: ['https://example.com/b', 'https://example.com/a'],
      response_types: ['id_token code'],
      grant_types: ['refresh_token', 'authorization_code'],
    });
    assert.ok(r.ok);
    assert.equal(r.metadata.client_uri?.value, 'https://example.com/');
    assert.deepEqual(r.metadata.redirect_uris, ['https://example.com/a', 'https://example.com/b']);
    assert.deepEqual(r.metadata.response_types, ['code id_token']);
    assert.deepEqual(r.metadata.grant_types, ['authorization_code', 'refresh_token']);
  });

  it('should give equal digests to equal registrations written differently', () => {
    const a = parseClientMetadata({
      client_name: 'X',
      'client_name#fr': 'Y',
      redirect_uris: ['https://e.com/2', 'https://e.com/1'],
    });
    const b = parseClientMetadata({
      redirect_uris: ['https://e.com/1', 'https://E.com/2'],
      'client_name#fr': 'Y',
      client_name: 'X',
    });
    const c = parseClientMetadata({ client_name: 'X', redirect_uris: ['https://e.com/1'] });
    assert.ok(a.ok && b.ok && c.ok);
    assert.equal(metadataDigest(a.metadata), metadataDigest(b.metadata));
    assert.notEqual(metadataDigest(a.metadata), metadataDigest(c.metadata));
    assert.match(canonicalJson(a.metadata), /"client_name#fr":"Y"/);
  });
});
