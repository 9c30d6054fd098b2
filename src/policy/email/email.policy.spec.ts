import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { PolicyData } from '../policy-data/policy-data';
import { emailViolations } from './email.policy';

function check(email: string, data: Partial<PolicyData> = {}) {
  return emailViolations({ email, requester: {} }, { server_name: 'example.com', ...data });
}

// Ported from MAS policies/email/email_test.rego.
describe('email policy (MAS email.rego)', () => {
  it('should allow any email when nothing is configured', () => {
    assert.deepEqual(check('hello@staging.element.io'), []);
  });

  it('should refuse domains outside allowed_domains (email-domain-not-allowed)', () => {
    const data = { allowed_domains: ['*.element.io'] };
    assert.deepEqual(check('hello@staging.element.io', data), []);
    assert.deepEqual(check('hello@element.io', data), [
      { code: 'email-domain-not-allowed', msg: 'email domain is not allowed' },
    ]);
    assert.deepEqual(check('not-an-email', data), [
      { code: 'email-domain-not-allowed', msg: 'email domain is not allowed' },
    ]);
    assert.deepEqual(check('a@b@element.io', { allowed_domains: ['**'] }), [
      { code: 'email-domain-not-allowed', msg: 'email domain is not allowed' },
    ]);
  });

  it('should treat a null allowed_domains as unset', () => {
    assert.deepEqual(check('hello@element.io', { allowed_domains: null }), []);
  });

  it('should refuse domains in banned_domains (email-domain-banned)', () => {
    const data = { banned_domains: ['*.spam.com', 'evil.org'] };
    assert.deepEqual(check('a@mail.spam.com', data), [
      { code: 'email-domain-banned', msg: 'email domain is banned' },
    ]);
    assert.deepEqual(check('a@evil.org', data).length, 1);
    assert.deepEqual(check('a@good.org', data), []);
  });

  it('should refuse addresses outside emails.allowed_addresses (email-not-allowed)', () => {
    const data = { emails: { allowed_addresses: { suffixes: ['@corp.example'] } } };
    assert.deepEqual(check('a@corp.example', data), []);
    assert.deepEqual(check('a@home.example', data), [
      { code: 'email-not-allowed', msg: 'email is not allowed' },
    ]);
  });

  it('should refuse addresses in emails.banned_addresses (email-banned)', () => {
    const data = { emails: { banned_addresses: { regexes: ['^admin@'], literals: ['x@y.z'] } } };
    assert.deepEqual(check('admin@example.com', data), [
      { code: 'email-banned', msg: 'email is not allowed' },
    ]);
    assert.deepEqual(check('x@y.z', data).length, 1);
    assert.deepEqual(check('alice@example.com', data), []);
  });

  it('should report every rule that refuses', () => {
    const data = {
      allowed_domains: ['ok.com'],
      banned_domains: ['bad.com'],
      emails: {
        allowed_addresses: { literals: ['a@ok.com'] },
        banned_addresses: { substrings: ['@'] },
      },
    };
    assert.deepEqual(
      check('b@bad.com', data).map((v) => v.code),
      ['email-domain-not-allowed', 'email-domain-banned', 'email-not-allowed', 'email-banned'],
    );
  });
});
