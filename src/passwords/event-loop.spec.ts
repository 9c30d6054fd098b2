import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { PasswordSchemeConfig, PasswordsConfig, type PasswordAlgorithm } from '../config';
import { CryptoRng, SystemClock } from '../core';
import { PasswordHasher } from './password-hasher';

function hasher(algorithm: PasswordAlgorithm): PasswordHasher {
  const scheme = Object.assign(PasswordSchemeConfig.of(1, algorithm), { cost: 12 });
  const config = Object.assign(new PasswordsConfig(), { schemes: [scheme] });
  return new PasswordHasher(config, new CryptoRng(new SystemClock()));
}

/**
 * Runs `work` while a 5 ms interval timer ticks; returns the ticks seen and the longest gap
 * between two consecutive callbacks (or between the start and the first one).
 */
async function whileTicking(work: () => Promise<unknown>) {
  let ticks = 0;
  let last = performance.now();
  let longestGap = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    longestGap = Math.max(longestGap, now - last);
    last = now;
    ticks++;
  }, 5);
  const started = performance.now();
  try {
    await work();
  } finally {
    clearInterval(timer);
  }
  longestGap = Math.max(longestGap, performance.now() - last);
  return { ticks, longestGap, elapsed: performance.now() - started };
}

describe('password hashing and the event loop', () => {
  for (const algorithm of ['argon2id', 'bcrypt', 'pbkdf2'] as const) {
    it(`should keep timers firing during 5 concurrent ${algorithm} hashes`, async () => {
      const h = hasher(algorithm);
      const { ticks, longestGap, elapsed } = await whileTicking(() =>
        Promise.all(Array.from({ length: 5 }, (_, i) => h.hash(`password ${i}`))),
      );
      // A synchronous implementation would run all five hashes in one stretch: no tick at all
      // and a gap as long as the whole run.
      assert.ok(ticks >= 3, `only ${ticks} ticks in ${elapsed.toFixed(0)} ms`);
      assert.ok(
        longestGap < Math.max(50, elapsed / 2),
        `event loop blocked for ${longestGap.toFixed(0)} ms of ${elapsed.toFixed(0)} ms`,
      );
    });
  }
});
