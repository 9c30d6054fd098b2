import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildAuthorizationResponse, toErrorDescription } from './authorization-response';

const ISS = 'https://example.test/';

describe('buildAuthorizationResponse (RFC 6749 §4.1.2, RFC 9207)', () => {
  it('should add code, state and iss to the query and keep the query of the redirect URI', () => {
    const r = buildAuthorizationResponse(
      { redirectUri: 'https://app.example/cb?x=1', responseMode: 'query', state: 's t' },
      { code: 'abc' },
      ISS,
    );
    assert.equal(r.kind, 'redirect');
    const url = new URL(r.kind === 'redirect' ? r.url : '');
    assert.equal(url.origin + url.pathname, 'https://app.example/cb');
    assert.deepEqual(Object.fromEntries(url.searchParams), {
      x: '1',
      code: 'abc',
      state: 's t',
      iss: ISS,
    });
  });

  it('should put the parameters in the fragment for response_mode=fragment', () => {
    const r = buildAuthorizationResponse(
      { redirectUri: 'http://127.0.0.1:5000/cb', responseMode: 'fragment', state: null },
      { error: 'access_denied' },
      ISS,
    );
    assert.equal(r.kind, 'redirect');
    const url = new URL(r.kind === 'redirect' ? r.url : '');
    assert.equal(url.search, '');
    assert.deepEqual(Object.fromEntries(new URLSearchParams(url.hash.slice(1))), {
      error: 'access_denied',
      iss: ISS,
    });
  });

  it('should keep a private-use scheme redirect URI intact', () => {
    const r = buildAuthorizationResponse(
      { redirectUri: 'com.example.app:/callback', responseMode: 'query', state: 'xyz' },
      { code: 'c' },
      ISS,
    );
    assert.equal(r.kind === 'redirect' && r.url.startsWith('com.example.app:/callback?'), true);
    const url = new URL(r.kind === 'redirect' ? r.url : '');
    assert.equal(url.searchParams.get('code'), 'c');
    assert.equal(url.searchParams.get('state'), 'xyz');
  });

  it('should describe a form_post response as fields for the redirect URI', () => {
    const r = buildAuthorizationResponse(
      { redirectUri: 'https://app.example/cb', responseMode: 'form_post', state: 'x' },
      { code: 'c' },
      ISS,
    );
    assert.deepEqual(r, {
      kind: 'form_post',
      action: 'https://app.example/cb',
      fields: [
        ['code', 'c'],
        ['state', 'x'],
        ['iss', ISS],
      ],
    });
  });
});

describe('toErrorDescription (RFC 6749 §4.1.2.1)', () => {
  it('should replace characters the error_description grammar forbids', () => {
    assert.equal(toErrorDescription('scope "x\\y" é not allowed'), 'scope ?x?y? ? not allowed');
    assert.equal(toErrorDescription("scope 'x' not allowed"), "scope 'x' not allowed");
  });
});
