import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { RateLimiterConfig } from '../config';
import { fixedWindowOf, MAX_WINDOW_SECONDS } from './fixed-window';

describe('fixedWindowOf', () => {
  it('should give burst points per window of burst / per_second seconds', () => {
    assert.deepEqual(fixedWindowOf(RateLimiterConfig.of(3, 0.05)), {
      points: 3,
      durationSeconds: 60,
    });
    assert.deepEqual(fixedWindowOf(RateLimiterConfig.of(1800, 0.5)), {
      points: 1800,
      durationSeconds: 3600,
    });
    assert.deepEqual(fixedWindowOf(RateLimiterConfig.of(1, 2)), {
      points: 1,
      durationSeconds: 0.5,
    });
  });

  it('should shorten a window that a Node.js timer cannot hold', () => {
    const slow = fixedWindowOf(RateLimiterConfig.of(3, 1e-9));
    assert.equal(slow.durationSeconds, MAX_WINDOW_SECONDS);
    assert.ok(MAX_WINDOW_SECONDS * 1000 <= 2 ** 31 - 1);
  });
});
