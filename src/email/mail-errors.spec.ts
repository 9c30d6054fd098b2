import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { toDeliveryError } from './mail-errors';

describe('mail delivery errors', () => {
  it('should retry connection failures, timeouts and 4xx replies', () => {
    for (const cause of [
      Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ESOCKET' }),
      Object.assign(new Error('Greeting never received'), { code: 'ETIMEDOUT' }),
      Object.assign(new Error('451 try later'), { code: 'EENVELOPE', responseCode: 451 }),
      new Error('something else'),
    ]) {
      assert.equal(toDeliveryError(cause).transient, true, cause.message);
    }
  });

  it('should fail a mail the server refused for good (5xx) without retrying', () => {
    const error = toDeliveryError(
      Object.assign(new Error('550 no such user'), { code: 'EENVELOPE', responseCode: 550 }),
    );
    assert.equal(error.transient, false);
    assert.equal(error.message, 'mail server refused the mail (EENVELOPE, reply 550)');
  });

  it('should not repeat the server text, which may echo what was sent', () => {
    const error = toDeliveryError(
      Object.assign(new Error('Invalid login: 535 secret-password rejected'), {
        code: 'EAUTH',
        responseCode: 535,
      }),
    );
    assert.doesNotMatch(error.message, /secret-password/);
  });
});
