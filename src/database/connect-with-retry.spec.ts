import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { DataSource } from 'typeorm';
import { connectWithRetry, DatabaseUnreachableError } from './connect-with-retry';

function flakyDataSource(failures: number) {
  let calls = 0;
  const ds = {
    initialize: () => {
      calls++;
      if (calls <= failures) {
        return Promise.reject(
          Object.assign(new Error('connect refused'), { code: 'ECONNREFUSED' }),
        );
      }
      return Promise.resolve();
    },
  } as unknown as DataSource;
  return { ds, calls: () => calls };
}

describe('connectWithRetry', () => {
  it('should retry with doubling waits until the server answers', async () => {
    const { ds, calls } = flakyDataSource(3);
    const waits: number[] = [];
    await connectWithRetry(ds, {
      budgetMs: 10_000,
      firstDelayMs: 100,
      maxDelayMs: 250,
      onRetry: () => undefined,
      sleep: (ms) => {
        waits.push(ms);
        return Promise.resolve();
      },
    });
    assert.equal(calls(), 4);
    assert.deepEqual(waits, [100, 200, 250]);
  });

  it('should give up once the waits reach the budget, naming the reason', async () => {
    const { ds } = flakyDataSource(Infinity);
    const reasons: string[] = [];
    await assert.rejects(
      connectWithRetry(ds, {
        budgetMs: 700,
        firstDelayMs: 100,
        maxDelayMs: 1000,
        onRetry: (_a, _d, reason) => reasons.push(reason),
        sleep: () => Promise.resolve(),
      }),
      (e: unknown) => e instanceof DatabaseUnreachableError && /ECONNREFUSED/.test(e.reason),
    );
    // 100 + 200 + 400 = 700 ms of waiting, then the fourth failure is final.
    assert.equal(reasons.length, 3);
  });

  it('should not retry at all with a zero budget', async () => {
    const { ds, calls } = flakyDataSource(1);
    await assert.rejects(
      connectWithRetry(ds, {
        budgetMs: 0,
        firstDelayMs: 100,
        maxDelayMs: 100,
        onRetry: () => undefined,
      }),
      DatabaseUnreachableError,
    );
    assert.equal(calls(), 1);
  });
});
