import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  nextRegistrationStep,
  REGISTRATION_TTL_MS,
  type RegistrationFacts,
} from './registration-steps';

const START = new Date('2026-01-01T00:00:00Z');
const FACTS: RegistrationFacts = {
  createdAt: START,
  completedAt: null,
  emailVerified: false,
  hasToken: false,
  tokenRequired: true,
  displayName: null,
};
const at = (ms: number) => new Date(START.getTime() + ms);

describe('nextRegistrationStep', () => {
  it('should ask for the email code, then the token, then the display name, then finish', () => {
    assert.equal(nextRegistrationStep(FACTS, START), 'verify-email');
    const verified = { ...FACTS, emailVerified: true };
    assert.equal(nextRegistrationStep(verified, START), 'token');
    const withToken = { ...verified, hasToken: true };
    assert.equal(nextRegistrationStep(withToken, START), 'display-name');
    assert.equal(nextRegistrationStep({ ...withToken, displayName: '' }, START), 'finish');
  });

  it('should skip the email and token steps when there is no address and no token is required', () => {
    const facts = { ...FACTS, emailVerified: null, tokenRequired: false };
    assert.equal(nextRegistrationStep(facts, START), 'display-name');
  });

  it('should refuse a registration older than an hour, and a completed one', () => {
    assert.equal(nextRegistrationStep(FACTS, at(REGISTRATION_TTL_MS)), 'verify-email');
    assert.equal(nextRegistrationStep(FACTS, at(REGISTRATION_TTL_MS + 1)), 'expired');
    assert.equal(nextRegistrationStep({ ...FACTS, completedAt: START }, START), 'completed');
  });
});
