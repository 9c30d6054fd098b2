import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { retryDelaySeconds } from './retry-delay';

const POLICY = { firstDelaySeconds: 5, maxDelaySeconds: 600 };

describe('retryDelaySeconds', () => {
  it('should double the wait after each failure without jitter', () => {
    assert.deepEqual(
      [1, 2, 3, 4, 5].map((n) => retryDelaySeconds(n, POLICY, 0)),
      [5, 10, 20, 40, 80],
    );
  });

  it('should never wait longer than the cap, however many attempts failed', () => {
    for (const n of [8, 9, 100, 4000]) assert.equal(retryDelaySeconds(n, POLICY, 0), 600);
  });

  it('should shorten the wait by at most a fifth with jitter', () => {
    assert.equal(retryDelaySeconds(4, POLICY, 0.5), 36);
    assert.equal(retryDelaySeconds(100, POLICY, 0.999999), 480);
  });

  it('should wait at least one second', () => {
    assert.equal(retryDelaySeconds(1, { firstDelaySeconds: 0, maxDelaySeconds: 0 }, 0), 1);
  });
});
