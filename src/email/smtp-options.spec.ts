import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { EmailConfig } from '../config';
import { smtpTransportOptions } from './smtp-options';

function config(over: Partial<EmailConfig>): EmailConfig {
  return Object.assign(new EmailConfig(), { transport: 'smtp', hostname: 'mx.test', ...over });
}

describe('SMTP transport options', () => {
  it('should never upgrade to TLS in plain mode (port 25 by default)', () => {
    const o = smtpTransportOptions(config({ mode: 'plain' }));
    assert.deepEqual([o.port, o.secure, o.requireTLS, o.ignoreTLS], [25, false, false, true]);
  });

  it('should speak TLS from the first byte in tls mode (port 465 by default)', () => {
    const o = smtpTransportOptions(config({ mode: 'tls' }));
    assert.deepEqual([o.port, o.secure, o.requireTLS, o.ignoreTLS], [465, true, false, false]);
  });

  it('should require STARTTLS in starttls mode (port 587 by default)', () => {
    const o = smtpTransportOptions(config({ mode: 'starttls', port: 2525 }));
    assert.deepEqual([o.port, o.secure, o.requireTLS, o.ignoreTLS], [2525, false, true, false]);
  });

  it('should authenticate only when a username and password are configured', () => {
    assert.equal(smtpTransportOptions(config({ mode: 'plain' })).auth, undefined);
    const o = smtpTransportOptions(config({ mode: 'plain', username: 'u', password: 'p' }));
    assert.deepEqual(o.auth, { user: 'u', pass: 'p' });
  });
});
