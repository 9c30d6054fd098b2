/** What a rate-limit check answers: go ahead, or wait `retryAfterMs` (a whole number, ≥ 1). */
export type RateLimitVerdict = { allowed: true } | { allowed: false; retryAfterMs: number };

export const ALLOWED: RateLimitVerdict = Object.freeze({ allowed: true });

/**
 * The wait in whole seconds, rounded up and at least 1, as HTTP `Retry-After` wants it
 * (RFC 9110 §10.2.3).
 */
export function retryAfterSeconds(retryAfterMs: number): number {
  return Math.max(1, Math.ceil(retryAfterMs / 1000));
}
