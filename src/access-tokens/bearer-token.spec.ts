import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MissingBearerToken, OAuthError } from '../core';
import { presentedBearerToken } from './bearer-token';

const TOKEN = 'mat_abcdefghijklmnopqrstuvwxyzABCD_mr7s31';

function expectCode(run: () => unknown, code: string): void {
  assert.throws(run, (e: unknown) => e instanceof OAuthError && e.code === code);
}

describe('presentedBearerToken (RFC 6750 §2)', () => {
  it('should read the token of an Authorization: Bearer header, any scheme case', () => {
    assert.equal(presentedBearerToken({ authorization: `Bearer ${TOKEN}` }), TOKEN);
    assert.equal(presentedBearerToken({ authorization: `bearer  ${TOKEN} ` }), TOKEN);
    assert.equal(presentedBearerToken({ authorization: `BEARER\t${TOKEN}` }), TOKEN);
  });

  it('should read the access_token form field', () => {
    assert.equal(
      presentedBearerToken({ authorization: undefined, form: { access_token: TOKEN } }),
      TOKEN,
    );
  });

  it('should say no token was presented when nothing carries one, or another scheme is used', () => {
    for (const authorization of [undefined, '', 'Basic Zm9vOmJhcg==', 'Bearerx abc', 'MAC x']) {
      assert.throws(
        () => presentedBearerToken({ authorization, form: {} }),
        (e: unknown) => e instanceof MissingBearerToken && e.code === 'invalid_token',
        `authorization=${authorization}`,
      );
    }
  });

  it('should refuse a token sent by two methods at once with invalid_request', () => {
    expectCode(
      () =>
        presentedBearerToken({ authorization: `Bearer ${TOKEN}`, form: { access_token: TOKEN } }),
      'invalid_request',
    );
  });

  it('should use the form token when the header has another scheme', () => {
    assert.equal(
      presentedBearerToken({ authorization: 'Basic Zm9vOmJhcg==', form: { access_token: TOKEN } }),
      TOKEN,
    );
  });

  it('should refuse malformed Bearer credentials with invalid_request', () => {
    for (const authorization of ['Bearer', 'Bearer ', 'Bearer a b', 'Bearer é', 'Bearer =abc']) {
      expectCode(() => presentedBearerToken({ authorization }), 'invalid_request');
    }
  });

  it('should refuse an empty, repeated or structured access_token field with invalid_request', () => {
    for (const access_token of ['', [TOKEN, TOKEN], { a: TOKEN }]) {
      expectCode(
        () => presentedBearerToken({ authorization: undefined, form: { access_token } }),
        'invalid_request',
      );
    }
  });
});
