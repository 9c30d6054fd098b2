import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  decidePoll,
  DEVICE_CODE_TTL_S,
  deviceGrantState,
  POLL_LEEWAY_MS,
} from './device-code-grant.state';
import type { OAuth2DeviceCodeGrantEntity } from './oauth2-device-code-grant.entity';

const CREATED = new Date('2024-01-01T00:00:00Z');
const at = (seconds: number) => new Date(CREATED.getTime() + seconds * 1000);

function grant(over: Partial<OAuth2DeviceCodeGrantEntity> = {}): OAuth2DeviceCodeGrantEntity {
  return {
    id: '01J00000000000000000000000',
    oauth2ClientId: '01J00000000000000000000001',
    scope: 'openid',
    userCodeSha256: Buffer.alloc(32),
    deviceCodeSha256: Buffer.alloc(32),
    createdAt: CREATED,
    expiresAt: at(DEVICE_CODE_TTL_S),
    fulfilledAt: null,
    rejectedAt: null,
    exchangedAt: null,
    oauth2SessionId: null,
    userSessionId: null,
    ipAddress: null,
    userAgent: null,
    locale: null,
    lastPolledAt: null,
    pollIntervalSeconds: 5,
    ...over,
  };
}

describe('device code polling (RFC 8628 §3.5)', () => {
  it('should answer authorization_pending to a first poll, however soon', () => {
    assert.deepEqual(decidePoll(grant(), at(0)), { kind: 'authorization_pending' });
  });

  it('should answer slow_down to a poll sooner than the interval after the previous one', () => {
    const polled = grant({ lastPolledAt: at(10) });
    assert.deepEqual(decidePoll(polled, at(11)), { kind: 'slow_down' });
    assert.deepEqual(decidePoll(polled, new Date(at(15).getTime() - POLL_LEEWAY_MS - 1)), {
      kind: 'slow_down',
    });
    assert.deepEqual(decidePoll(polled, new Date(at(15).getTime() - POLL_LEEWAY_MS)), {
      kind: 'authorization_pending',
    });
  });

  it('should hold the client to the grant interval after it was raised', () => {
    const slowed = grant({ lastPolledAt: at(10), pollIntervalSeconds: 10 });
    assert.deepEqual(decidePoll(slowed, at(16)), { kind: 'slow_down' });
    assert.deepEqual(decidePoll(slowed, at(20)), { kind: 'authorization_pending' });
  });

  it('should exchange an approved code even when polled quickly', () => {
    const approved = grant({ fulfilledAt: at(5), lastPolledAt: at(9) });
    assert.deepEqual(decidePoll(approved, at(10)), { kind: 'exchange' });
  });

  it('should answer access_denied once rejected, expired_token after expiry, invalid_grant once used', () => {
    assert.deepEqual(decidePoll(grant({ rejectedAt: at(5) }), at(10)), { kind: 'access_denied' });
    assert.deepEqual(decidePoll(grant(), at(DEVICE_CODE_TTL_S)), { kind: 'expired_token' });
    assert.deepEqual(decidePoll(grant({ fulfilledAt: at(5) }), at(DEVICE_CODE_TTL_S + 1)), {
      kind: 'expired_token',
    });
    const used = grant({ fulfilledAt: at(5), exchangedAt: at(6) });
    assert.deepEqual(decidePoll(used, at(7)), { kind: 'invalid_grant' });
    assert.deepEqual(decidePoll(used, at(DEVICE_CODE_TTL_S + 1)), { kind: 'invalid_grant' });
  });

  it('should name the state a consent page sees', () => {
    assert.equal(deviceGrantState(grant(), at(1)), 'pending');
    assert.equal(deviceGrantState(grant({ fulfilledAt: at(1) }), at(2)), 'fulfilled');
    assert.equal(deviceGrantState(grant({ rejectedAt: at(1) }), at(2)), 'rejected');
    assert.equal(deviceGrantState(grant(), at(DEVICE_CODE_TTL_S + 1)), 'expired');
  });
});
