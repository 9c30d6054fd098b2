import type { RetryPolicy } from './jobs-setup';

/**
 * Seconds to wait before retrying a job whose attempt number `failedAttempts` (1 for the first
 * run) just failed: `firstDelaySeconds` doubled per earlier failure, capped at
 * `maxDelaySeconds`, then shortened by up to 20% with `jitter` (in [0, 1)) so that jobs failing
 * together do not retry together. Never less than one second (pg-boss counts whole seconds).
 */
export function retryDelaySeconds(
  failedAttempts: number,
  policy: RetryPolicy,
  jitter: number,
): number {
  const doublings = Math.min(Math.max(failedAttempts - 1, 0), 30);
  const capped = Math.min(policy.maxDelaySeconds, policy.firstDelaySeconds * 2 ** doublings);
  return Math.max(1, Math.round(capped * (1 - 0.2 * jitter)));
}
