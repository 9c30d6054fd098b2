import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { JWTPayload } from 'jose';
import { OAuthError } from '../core';
import { checkAssertionClaims, DEFAULT_ASSERTION_BOUNDS } from './assertion-claims.check';

const NOW = new Date('2024-06-01T12:00:00.000Z');
const T = NOW.getTime() / 1000;
const ID = '01J0000000000000000000000A';
const AUD = ['https://auth.example.com/', 'https://auth.example.com/oauth2/token'];
const valid: JWTPayload = { iss: ID, sub: ID, aud: AUD[1], iat: T, exp: T + 60, jti: 'j1' };

function check(over: JWTPayload) {
  return checkAssertionClaims({ ...valid, ...over }, { clientId: ID, audiences: AUD, now: NOW });
}

function refused(over: JWTPayload, reason: RegExp): void {
  assert.throws(
    () => check(over),
    (e) => e instanceof OAuthError && e.code === 'invalid_client' && reason.test(e.message),
  );
}

describe('checkAssertionClaims (RFC 7523 §3)', () => {
  it('should accept a valid assertion and remember its jti until exp plus the skew', () => {
    const checked = check({});
    assert.equal(checked.jti, 'j1');
    const skew = DEFAULT_ASSERTION_BOUNDS.clockSkewSeconds;
    assert.equal(checked.rememberUntil.getTime(), (T + 60 + skew) * 1000);
  });

  it('should require iss and sub to be the client_id (items 1, 2.B)', () => {
    refused({ iss: 'someone' }, /iss/);
    refused({ sub: 'someone' }, /sub/);
    refused({ sub: undefined }, /sub/);
  });

  it('should require aud to contain the issuer or the endpoint URL (item 3)', () => {
    check({ aud: AUD[0] });
    check({ aud: ['x', AUD[0]] });
    refused({ aud: 'https://auth.example.com' }, /aud/);
    refused({ aud: [] }, /aud/);
    refused({ aud: undefined }, /aud/);
  });

  it('should require a current exp at most five minutes ahead (item 4)', () => {
    refused({ exp: undefined }, /exp/);
    refused({ exp: '123' as unknown as number }, /malformed exp/);
    refused({ iat: T - 100, exp: T - 30 }, /expired/);
    check({ iat: T - 100, exp: T - 29 });
    refused({ iat: undefined, exp: T + 331 }, /too far/);
    check({ iat: undefined, exp: T + 330 });
    refused({ iat: T, exp: T + 301 }, /lifetime/);
    check({ iat: T, exp: T + 300 });
  });

  it('should refuse nbf and iat in the future beyond the skew (items 5, 6)', () => {
    refused({ nbf: T + 31 }, /nbf/);
    check({ nbf: T + 30 });
    refused({ iat: T + 31, exp: T + 60 }, /iat/);
    check({ iat: T + 30, exp: T + 60 });
  });

  it('should require a bounded jti (item 7)', () => {
    refused({ jti: undefined }, /jti/);
    refused({ jti: '' }, /jti/);
    refused({ jti: 'x'.repeat(DEFAULT_ASSERTION_BOUNDS.maxJtiLength + 1) }, /jti is too long/);
  });
});
