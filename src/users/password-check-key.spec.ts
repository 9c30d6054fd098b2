import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { accountKeyOfUnknown, accountKeyOfUser } from './password-check-key';

describe('password check keys', () => {
  it('should give every spelling of one unknown name one key', () => {
    const key = accountKeyOfUnknown('ghost', 'example.test');
    for (const spelling of ['GHOST', '@ghost:example.test', '@Ghost:EXAMPLE.test']) {
      assert.equal(accountKeyOfUnknown(spelling, 'example.test'), key, spelling);
    }
    assert.notEqual(accountKeyOfUnknown('ghost2', 'example.test'), key);
    assert.notEqual(accountKeyOfUnknown('@ghost:other.test', 'example.test'), key);
    assert.equal(
      accountKeyOfUnknown('Ghost@Mail.test', 'example.test'),
      accountKeyOfUnknown('ghost@mail.test', 'example.test'),
    );
  });

  it('should keep no identifier in the key and never collide with a user key', () => {
    const key = accountKeyOfUnknown('correct horse battery staple', 'example.test');
    assert.match(key, /^unknown:[A-Za-z0-9_-]{43}$/);
    assert.equal(accountKeyOfUser('01HZZZZZZZZZZZZZZZZZZZZZZZ'), 'user:01HZZZZZZZZZZZZZZZZZZZZZZZ');
  });
});
