import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { isSubdomain, parsePolicyUri, reverseDnsMatch } from './policy-uri';

describe('policy URI helpers (MAS parse_uri, is_subdomain, reverse_dns_match)', () => {
  it('should split a URI like MAS parse_uri', () => {
    assert.deepEqual(parsePolicyUri('https://example.com:8080/users?query=test'), {
      scheme: 'https',
      authority: 'example.com:8080',
      host: 'example.com',
      port: '8080',
      path: '/users',
      query: '?query=test',
    });
    assert.equal(parsePolicyUri('io.element.app:/callback')?.authority, '');
    assert.equal(parsePolicyUri('https://example.com/a%20b'), undefined);
  });
  it('should match subdomains label by label', () => {
    assert.ok(isSubdomain('example.com', 'example.com'));
    assert.ok(isSubdomain('example.com', 'app.example.com'));
    assert.ok(!isSubdomain('example.com', 'example.org'));
    assert.ok(!isSubdomain('test.com', 'example.com'));
    assert.ok(!isSubdomain('example.com', 'badexample.com'));
  });
  it('should match reverse-DNS schemes', () => {
    assert.ok(reverseDnsMatch('example.com', 'com.example'));
    assert.ok(reverseDnsMatch('example.com', 'com.example.app'));
    assert.ok(reverseDnsMatch('element.io', 'io.element.app'));
    assert.ok(!reverseDnsMatch('example.com', 'org.example'));
    assert.ok(!reverseDnsMatch('test.com', 'com.example'));
  });
});
