import type { OAuth2DeviceCodeGrantEntity } from './oauth2-device-code-grant.entity';

/** RFC 8628 §3.2: how long the codes are valid (MAS: 20 minutes). */
export const DEVICE_CODE_TTL_S = 20 * 60;
/** RFC 8628 §3.2: the minimum seconds between polls a client starts with (MAS: 5). */
export const DEFAULT_POLL_INTERVAL_S = 5;
/** RFC 8628 §3.5: `slow_down` raises the interval by 5 seconds for all later requests. */
export const SLOW_DOWN_STEP_S = 5;
/**
 * Slack for the poll interval: the client measures the interval from when it received the last
 * answer, the server from when it received the last request, and web processes sharing the
 * database may have slightly different clocks. A poll up to this early is not `slow_down`.
 */
export const POLL_LEEWAY_MS = 500;

/** Where a device authorization grant stands (RFC 8628 §3.4, §3.5). */
export type DeviceGrantState = 'pending' | 'fulfilled' | 'rejected' | 'exchanged' | 'expired';

/**
 * The state of `grant` at `now`. A grant that was answered (fulfilled or rejected) keeps that
 * answer until it expires; an exchanged grant stays exchanged.
 */
export function deviceGrantState(grant: OAuth2DeviceCodeGrantEntity, now: Date): DeviceGrantState {
  if (grant.exchangedAt) return 'exchanged';
  if (now.getTime() >= grant.expiresAt.getTime()) return 'expired';
  if (grant.rejectedAt) return 'rejected';
  if (grant.fulfilledAt) return 'fulfilled';
  return 'pending';
}

/** What one poll of the token endpoint gets (RFC 8628 §3.5). */
export type PollVerdict =
  | { kind: 'exchange' }
  | { kind: 'authorization_pending' }
  | { kind: 'slow_down' }
  | { kind: 'access_denied' }
  | { kind: 'expired_token' }
  | { kind: 'invalid_grant' };

/**
 * The answer to a poll at `now` (RFC 8628 §3.5): an exchanged code is `invalid_grant`, an
 * expired one `expired_token`, a rejected one `access_denied`; an approved one is exchanged;
 * a pending one is `authorization_pending`, or `slow_down` when it came sooner than the grant's
 * interval after the previous poll.
 */
export function decidePoll(grant: OAuth2DeviceCodeGrantEntity, now: Date): PollVerdict {
  switch (deviceGrantState(grant, now)) {
    case 'exchanged':
      return { kind: 'invalid_grant' };
    case 'expired':
      return { kind: 'expired_token' };
    case 'rejected':
      return { kind: 'access_denied' };
    case 'fulfilled':
      return { kind: 'exchange' };
    case 'pending':
      return pollTooSoon(grant, now) ? { kind: 'slow_down' } : { kind: 'authorization_pending' };
  }
}

/** Whether a poll at `now` comes sooner than the grant's interval after the previous one. */
export function pollTooSoon(grant: OAuth2DeviceCodeGrantEntity, now: Date): boolean {
  if (grant.lastPolledAt === null) return false;
  const elapsed = now.getTime() - grant.lastPolledAt.getTime();
  return elapsed + POLL_LEEWAY_MS < grant.pollIntervalSeconds * 1000;
}
