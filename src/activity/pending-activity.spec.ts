import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { PendingActivity } from './pending-activity';

const T0 = new Date('2024-01-01T00:00:00Z');
const T1 = new Date('2024-01-01T00:00:10Z');
const T2 = new Date('2024-01-01T00:00:20Z');

describe('PendingActivity', () => {
  it('should keep one entry per session with its latest time', () => {
    const p = new PendingActivity();
    p.record('oauth2', 'S1', T0, null);
    p.record('oauth2', 'S1', T2, null);
    p.record('oauth2', 'S1', T1, null);
    assert.equal(p.size, 1);
    assert.deepEqual(p.drain().oauth2, [{ sessionId: 'S1', lastActiveAt: T2, ip: null }]);
  });

  it('should keep sessions of different kinds apart, even with the same id', () => {
    const p = new PendingActivity();
    p.record('oauth2', 'S', T0, null);
    p.record('compat', 'S', T1, null);
    p.record('personal', 'P', T2, null);
    assert.equal(p.size, 3);
    const batch = p.drain();
    assert.deepEqual(
      Object.fromEntries(Object.entries(batch).map(([k, v]) => [k, v.map((a) => a.sessionId)])),
      { oauth2: ['S'], compat: ['S'], personal: ['P'] },
    );
  });

  it('should keep the latest known address and never erase it with an unknown one', () => {
    const p = new PendingActivity();
    p.record('compat', 'S', T0, '192.0.2.1');
    p.record('compat', 'S', T1, null);
    assert.equal(p.drain().compat[0].ip, '192.0.2.1');
    p.record('compat', 'S', T0, '192.0.2.1');
    p.record('compat', 'S', T1, '192.0.2.2');
    assert.equal(p.drain().compat[0].ip, '192.0.2.2');
    p.record('compat', 'S', T1, null);
    p.record('compat', 'S', T0, '192.0.2.3');
    assert.deepEqual(p.drain().compat, [{ sessionId: 'S', lastActiveAt: T1, ip: '192.0.2.3' }]);
  });

  it('should be empty after a drain', () => {
    const p = new PendingActivity();
    p.record('oauth2', 'S', T0, null);
    p.drain();
    assert.equal(p.size, 0);
    assert.deepEqual(p.drain(), { oauth2: [], compat: [], personal: [] });
  });

  it('should merge a restored batch with activity recorded meanwhile', () => {
    const p = new PendingActivity();
    p.record('oauth2', 'S', T0, null);
    const failed = p.drain();
    p.record('oauth2', 'S', T2, null);
    p.record('oauth2', 'T', T1, null);
    p.restore(failed);
    assert.equal(p.size, 2);
    const restored = p.drain().oauth2.find((a) => a.sessionId === 'S');
    assert.equal(restored?.lastActiveAt, T2);
  });
});
