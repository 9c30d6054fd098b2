import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { needsFreshSignIn } from './sign-in-freshness';

const requested = new Date('2026-01-01T12:00:00Z');
const before = (s: number) => new Date(requested.getTime() - s * 1000);
const after = (s: number) => new Date(requested.getTime() + s * 1000);

describe('needsFreshSignIn (OIDC Core §3.1.2.1 prompt and max_age)', () => {
  it('should not ask again without prompt=login or max_age', () => {
    assert.equal(
      needsFreshSignIn({ prompt: [], maxAge: null }, requested, before(1e6), after(5)),
      false,
    );
    assert.equal(
      needsFreshSignIn({ prompt: ['consent'], maxAge: null }, requested, before(9), after(5)),
      false,
    );
  });

  it('should ask again for prompt=login until an authentication follows the request', () => {
    const req = { prompt: ['login' as const], maxAge: null };
    assert.equal(needsFreshSignIn(req, requested, before(1), after(5)), true);
    assert.equal(needsFreshSignIn(req, requested, null, after(5)), true);
    assert.equal(needsFreshSignIn(req, requested, requested, after(5)), false);
    assert.equal(needsFreshSignIn(req, requested, after(2), after(5)), false);
    assert.equal(
      needsFreshSignIn(
        { prompt: ['select_account'], maxAge: null },
        requested,
        before(1),
        after(5),
      ),
      true,
    );
  });

  it('should ask again when the last authentication is older than max_age', () => {
    const req = { prompt: [], maxAge: 60 };
    assert.equal(needsFreshSignIn(req, requested, before(30), after(30)), false);
    assert.equal(needsFreshSignIn(req, requested, before(30), after(31)), true);
    assert.equal(needsFreshSignIn(req, requested, null, after(1)), true);
  });

  it('should treat max_age=0 like prompt=login', () => {
    const req = { prompt: [], maxAge: 0 };
    assert.equal(needsFreshSignIn(req, requested, before(1), requested), true);
    assert.equal(needsFreshSignIn(req, requested, after(1), after(40)), false);
  });
});
