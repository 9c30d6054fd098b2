import type { RateLimiterConfig } from '../config';

/**
 * The longest window, in whole seconds: rate-limiter-flexible forgets a key with a `setTimeout`
 * of the window's length, and Node.js fires any timer longer than 2^31 − 1 ms after 1 ms
 * instead, which would forget every key at once. 2 147 483 s is about 24.8 days.
 */
export const MAX_WINDOW_SECONDS = 2_147_483;

/** A rate-limiter-flexible limiter: `points` actions per window of `durationSeconds`. */
export interface FixedWindow {
  points: number;
  durationSeconds: number;
}

/**
 * Maps MAS's token bucket (governor GCRA: `burst` B actions at once, one more every 1/r s with
 * r = `per_second`) onto rate-limiter-flexible, whose limiters count in fixed windows that start
 * at a key's first action: B points per window of B/r seconds.
 *
 * What stays exactly as in MAS: a fresh key gets B actions at once and the next is refused; the
 * long-run rate is r (B per B/r s); a refused action changes nothing (the window is not
 * extended); with B = 1 the two are the same (one action, then one every 1/r s).
 *
 * What differs, because the library has no bucket that refills gradually: once a window's B
 * actions are spent, the whole allowance comes back when the window ends (B/r s after its first
 * action) rather than one action every 1/r s, so a client can wait up to B/r s where MAS lets it
 * retry after 1/r s; and just after a window ends, up to B more actions can pass, so a short span
 * across two windows can hold up to 2B actions where GCRA allows B + r·span. Windows longer than
 * {@link MAX_WINDOW_SECONDS} are shortened to it.
 */
export function fixedWindowOf(config: RateLimiterConfig): FixedWindow {
  return {
    points: config.burst,
    durationSeconds: Math.min(config.burst / config.per_second, MAX_WINDOW_SECONDS),
  };
}
