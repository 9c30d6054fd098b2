import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { registrationTokenState } from './registration-token.check';

const NOW = new Date('2026-01-01T00:00:00Z');
const TOKEN = { revokedAt: null, expiresAt: null, usageLimit: null, timesUsed: 0 };

describe('registrationTokenState', () => {
  it('should accept an unlimited, unexpired, unrevoked token', () => {
    assert.equal(registrationTokenState({ ...TOKEN, timesUsed: 1000 }, NOW), 'valid');
  });

  it('should refuse a revoked token, whatever else holds', () => {
    assert.equal(registrationTokenState({ ...TOKEN, revokedAt: NOW }, NOW), 'revoked');
  });

  it('should refuse a token at or after its expiry', () => {
    assert.equal(registrationTokenState({ ...TOKEN, expiresAt: NOW }, NOW), 'expired');
    const later = new Date(NOW.getTime() + 1);
    assert.equal(registrationTokenState({ ...TOKEN, expiresAt: later }, NOW), 'valid');
  });

  it('should refuse a token used as many times as its limit', () => {
    assert.equal(registrationTokenState({ ...TOKEN, usageLimit: 2, timesUsed: 1 }, NOW), 'valid');
    assert.equal(registrationTokenState({ ...TOKEN, usageLimit: 2, timesUsed: 2 }, NOW), 'used_up');
  });
});
