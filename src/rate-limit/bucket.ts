import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import type { RateLimiterConfig } from '../config';
import { fixedWindowOf } from './fixed-window';
import { ALLOWED, type RateLimitVerdict } from './rate-limit-verdict';

/**
 * One MAS limiter (`burst` + `per_second`) keyed by any string, in this process's memory (as
 * MAS: limits are not shared between processes). A key is forgotten when its window ends, so
 * memory holds only the keys seen in the last window. The mapping is {@link fixedWindowOf}.
 */
export class Bucket {
  private readonly limiter: RateLimiterMemory;

  constructor(name: string, config: RateLimiterConfig) {
    const window = fixedWindowOf(config);
    this.limiter = new RateLimiterMemory({
      keyPrefix: name,
      points: window.points,
      duration: window.durationSeconds,
    });
  }

  /** Spends one action of `key`, or says how long until its allowance comes back. */
  async take(key: string): Promise<RateLimitVerdict> {
    try {
      await this.limiter.consume(key);
      return ALLOWED;
    } catch (refusal) {
      if (!(refusal instanceof RateLimiterRes)) throw refusal;
      return { allowed: false, retryAfterMs: Math.max(1, Math.ceil(refusal.msBeforeNext)) };
    }
  }

  /** Whether `key` still takes memory (it has a window that has not been forgotten). */
  async isTracked(key: string): Promise<boolean> {
    return (await this.limiter.get(key)) !== null;
  }
}
