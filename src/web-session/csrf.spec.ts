import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { FakeClock } from '../../test/fakes/fake-clock';
import { SeededRng } from '../../test/fakes/seeded-rng';
import { CSRF_TTL_MS, refreshCsrf, rotateCsrf, verifyCsrf } from './csrf';

describe('CSRF tokens', () => {
  it('should issue a 32-byte base64url token valid for one hour', () => {
    const clock = new FakeClock();
    const csrf = refreshCsrf(null, clock.now(), new SeededRng('csrf'));
    assert.equal(Buffer.from(csrf.token, 'base64url').length, 32);
    assert.equal(csrf.expiresAt, clock.now().getTime() + CSRF_TTL_MS);
    assert.equal(CSRF_TTL_MS, 3_600_000);
    assert.ok(verifyCsrf(csrf, csrf.token, clock.now()));
  });

  it('should expire after one hour but not one millisecond before', () => {
    const clock = new FakeClock();
    const csrf = refreshCsrf(null, clock.now(), new SeededRng(1));
    clock.advance(CSRF_TTL_MS - 1);
    assert.ok(verifyCsrf(csrf, csrf.token, clock.now()));
    clock.advance(1);
    assert.equal(verifyCsrf(csrf, csrf.token, clock.now()), false);
  });

  it('should keep and extend a valid token on refresh and replace an expired one', () => {
    const clock = new FakeClock();
    const rng = new SeededRng(2);
    const first = refreshCsrf(null, clock.now(), rng);
    clock.advance(30 * 60 * 1000);
    const refreshed = refreshCsrf(first, clock.now(), rng);
    assert.equal(refreshed.token, first.token);
    assert.equal(refreshed.expiresAt, clock.now().getTime() + CSRF_TTL_MS);
    clock.advance(CSRF_TTL_MS);
    const renewed = refreshCsrf(refreshed, clock.now(), rng);
    assert.notEqual(renewed.token, first.token);
  });

  it('should refuse a tampered, truncated, missing or non-string token', () => {
    const clock = new FakeClock();
    const csrf = refreshCsrf(null, clock.now(), new SeededRng(3));
    const flipped = (csrf.token[0] === 'A' ? 'B' : 'A') + csrf.token.slice(1);
    assert.equal(verifyCsrf(csrf, flipped, clock.now()), false);
    assert.equal(verifyCsrf(csrf, csrf.token.slice(0, -1), clock.now()), false);
    assert.equal(verifyCsrf(csrf, `${csrf.token}x`, clock.now()), false);
    assert.equal(verifyCsrf(csrf, undefined, clock.now()), false);
    assert.equal(verifyCsrf(csrf, [csrf.token], clock.now()), false);
    assert.equal(verifyCsrf(null, csrf.token, clock.now()), false);
  });

  it('should rotate to a token unrelated to the previous one', () => {
    const clock = new FakeClock();
    const rng = new SeededRng(4);
    const before = refreshCsrf(null, clock.now(), rng);
    const after = rotateCsrf(clock.now(), rng);
    assert.notEqual(after.token, before.token);
    assert.equal(verifyCsrf(after, before.token, clock.now()), false);
  });
});
