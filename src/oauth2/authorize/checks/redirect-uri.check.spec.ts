import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { redirectUriMatches, resolveRedirectUri } from './redirect-uri.check';

describe('redirect URI matching (RFC 9700 §4.1.3, RFC 8252 §7.3)', () => {
  it('should accept only an exact match for web redirect URIs', () => {
    const reg = 'https://app.example/cb';
    assert.ok(redirectUriMatches(reg, 'https://app.example/cb'));
    for (const other of [
      'https://app.example/cb/',
      'https://app.example/cb?x=1',
      'https://app.example/cb#f',
      'https://APP.example/cb',
      'https://app.example:443/cb',
      'https://app.example/CB',
      'https://app.example/cb/../cb',
      'https://evil.example/cb',
      'https://app.example.evil.example/cb',
      'https://app.example@evil.example/cb',
      'http://app.example/cb',
    ]) {
      assert.equal(redirectUriMatches(reg, other), false, other);
    }
  });

  it('should ignore the port of http loopback redirect URIs only', () => {
    assert.ok(redirectUriMatches('http://127.0.0.1/cb', 'http://127.0.0.1:51234/cb'));
    assert.ok(redirectUriMatches('http://[::1]/cb', 'http://[::1]:8000/cb'));
    assert.ok(redirectUriMatches('http://localhost:3000/cb', 'http://localhost:4000/cb'));
    assert.equal(redirectUriMatches('http://127.0.0.1/cb', 'http://127.0.0.1:5/other'), false);
    assert.equal(redirectUriMatches('http://127.0.0.1/cb', 'http://localhost:5/cb'), false);
    assert.equal(redirectUriMatches('http://127.0.0.1/cb', 'http://127.0.0.2:5/cb'), false);
    assert.equal(redirectUriMatches('http://127.0.0.1/cb', 'http://127.0.0.1:5/cb?x'), false);
    assert.equal(redirectUriMatches('https://127.0.0.1/cb', 'https://127.0.0.1:5/cb'), false);
    assert.equal(redirectUriMatches('http://127.0.0.1/cb', 'http://u@127.0.0.1:5/cb'), false);
  });

  it('should compare private-use scheme URIs exactly', () => {
    assert.ok(redirectUriMatches('com.example.app:/cb', 'com.example.app:/cb'));
    assert.equal(redirectUriMatches('com.example.app:/cb', 'com.example.app:/cb2'), false);
  });
});

describe('resolveRedirectUri (RFC 6749 §3.1.2.3)', () => {
  it('should default to the only registered redirect URI', () => {
    assert.deepEqual(resolveRedirectUri(['https://a.example/cb'], undefined), {
      ok: true,
      redirectUri: 'https://a.example/cb',
    });
  });

  it('should require redirect_uri when several are registered', () => {
    assert.deepEqual(
      resolveRedirectUri(['https://a.example/1', 'https://a.example/2'], undefined),
      {
        ok: false,
        reason: 'missing_redirect_uri',
      },
    );
    assert.deepEqual(resolveRedirectUri([], undefined), {
      ok: false,
      reason: 'missing_redirect_uri',
    });
  });

  it('should answer with the requested URI, port included, when it matches', () => {
    assert.deepEqual(resolveRedirectUri(['http://127.0.0.1/cb'], 'http://127.0.0.1:9/cb'), {
      ok: true,
      redirectUri: 'http://127.0.0.1:9/cb',
    });
    assert.deepEqual(resolveRedirectUri(['https://a.example/cb'], 'https://a.example/x'), {
      ok: false,
      reason: 'invalid_redirect_uri',
    });
  });
});
