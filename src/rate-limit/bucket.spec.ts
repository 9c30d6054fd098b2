import assert from 'node:assert/strict';
import { beforeEach, describe, it, type TestContext } from 'node:test';
import { RateLimiterConfig } from '../config';
import { Bucket } from './bucket';

const START = Date.parse('2024-01-01T00:00:00Z');

/** Drives time: rate-limiter-flexible reads `Date.now()` and forgets keys by `setTimeout`. */
function mockTime(t: TestContext) {
  t.mock.timers.enable({ apis: ['Date', 'setTimeout'], now: START });
  return (ms: number) => t.mock.timers.tick(ms);
}

async function takeMany(bucket: Bucket, key: string, n: number) {
  const verdicts = [];
  for (let i = 0; i < n; i++) verdicts.push(await bucket.take(key));
  return verdicts;
}

describe('Bucket (MAS limiter burst B, per_second r)', () => {
  let bucket: Bucket;
  beforeEach(() => {
    bucket = new Bucket('test', RateLimiterConfig.of(3, 0.05));
  });

  it('should let B actions through at once and refuse the next until the window ends', async (t) => {
    mockTime(t);
    const verdicts = await takeMany(bucket, 'k', 4);
    assert.deepEqual(verdicts.slice(0, 3), [
      { allowed: true },
      { allowed: true },
      { allowed: true },
    ]);
    assert.deepEqual(verdicts[3], { allowed: false, retryAfterMs: 60_000 });
  });

  it('should give the whole burst back B / r seconds after the window began, not before', async (t) => {
    const advance = mockTime(t);
    await takeMany(bucket, 'k', 3);
    advance(59_999);
    assert.deepEqual(await bucket.take('k'), { allowed: false, retryAfterMs: 1 });
    advance(1);
    const verdicts = await takeMany(bucket, 'k', 4);
    assert.equal(verdicts.filter((v) => v.allowed).length, 3);
    assert.deepEqual(verdicts[3], { allowed: false, retryAfterMs: 60_000 });
  });

  it('should not push the window back for refused actions', async (t) => {
    const advance = mockTime(t);
    await takeMany(bucket, 'k', 3);
    for (let second = 1; second < 60; second++) {
      advance(1000);
      assert.deepEqual(await bucket.take('k'), {
        allowed: false,
        retryAfterMs: (60 - second) * 1000,
      });
    }
    advance(1000);
    assert.deepEqual(await bucket.take('k'), { allowed: true });
  });

  it('should hold a client trying every second to the rate r in the long run', async (t) => {
    const advance = mockTime(t);
    let allowed = 0;
    const seconds = 600;
    for (let s = 0; s < seconds; s++) {
      if ((await bucket.take('k')).allowed) allowed++;
      advance(1000);
    }
    // r·span per window of B / r, never more than GCRA's B + r·span.
    assert.equal(allowed, seconds * 0.05);
    assert.ok(allowed <= 3 + seconds * 0.05);
  });

  it('should match GCRA exactly with a burst of 1: one action every 1 / r seconds', async (t) => {
    const advance = mockTime(t);
    const single = new Bucket('single', RateLimiterConfig.of(1, 0.5));
    assert.deepEqual(await single.take('k'), { allowed: true });
    advance(1999);
    assert.deepEqual(await single.take('k'), { allowed: false, retryAfterMs: 1 });
    advance(1);
    assert.deepEqual(await single.take('k'), { allowed: true });
    advance(2000);
    assert.deepEqual(await single.take('k'), { allowed: true });
  });

  it('should count keys apart', async (t) => {
    mockTime(t);
    await takeMany(bucket, 'a', 3);
    assert.equal((await bucket.take('a')).allowed, false);
    assert.equal((await bucket.take('b')).allowed, true);
  });

  it('should forget a key once its window has ended, so memory holds recent keys only', async (t) => {
    const advance = mockTime(t);
    await takeMany(bucket, 'k', 5);
    assert.equal(await bucket.isTracked('k'), true);
    advance(59_999);
    assert.equal(await bucket.isTracked('k'), true);
    advance(1);
    assert.equal(await bucket.isTracked('k'), false);
  });
});
