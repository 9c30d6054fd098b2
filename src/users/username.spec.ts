import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isValidEmail } from './email-address';
import { localpartOf, usernameProblem } from './username';

describe('usernameProblem', () => {
  it('should accept Matrix localparts of a-z 0-9 . _ = - / +', () => {
    for (const ok of ['alice', 'bob.smith', 'a_b=c-d/e+f', 'x1', '1a', 'a']) {
      assert.equal(usernameProblem(ok, 'example.test'), null, ok);
    }
  });

  it('should refuse empty, upper-case, all-digit and other characters, each with a reason', () => {
    assert.match(usernameProblem('', 'example.test') ?? '', /empty/);
    assert.match(usernameProblem('Alice', 'example.test') ?? '', /lowercase/);
    assert.match(usernameProblem('12345', 'example.test') ?? '', /non-digit/);
    for (const bad of ['al ice', 'alice!', 'al:ice', 'élise', 'a@b']) {
      assert.match(usernameProblem(bad, 'example.test') ?? '', /may contain only/, bad);
    }
  });

  it('should refuse a localpart whose full user ID exceeds 255 characters', () => {
    const server = 'example.test'; // "@" + ":" + 12 = 14
    assert.equal(usernameProblem('a'.repeat(255 - 14), server), null);
    assert.match(usernameProblem('a'.repeat(256 - 14), server) ?? '', /longer than 255/);
  });
});

describe('localpartOf', () => {
  it('should take the localpart of a user ID of this server only', () => {
    assert.equal(localpartOf('alice', 'example.test'), 'alice');
    assert.equal(localpartOf('@alice:example.test', 'example.test'), 'alice');
    assert.equal(localpartOf('@Alice:EXAMPLE.test', 'example.test'), 'Alice');
    assert.equal(localpartOf('@alice:other.test', 'example.test'), null);
    assert.equal(localpartOf('@alice', 'example.test'), null);
  });
});

describe('isValidEmail', () => {
  it('should accept ordinary and internationalised addresses', () => {
    for (const ok of ['a@example.com', 'first.last+tag@sub.example.org', 'ü@bücher.de']) {
      assert.equal(isValidEmail(ok), true, ok);
    }
  });

  it('should refuse addresses without a domain, with spaces or malformed labels', () => {
    for (const bad of [
      '',
      'alice',
      '@example.com',
      'a@',
      'a@localhost',
      'a b@example.com',
      'a@-x.com',
      'a..b@example.com',
      'a@example..com',
    ]) {
      assert.equal(isValidEmail(bad), false, bad);
    }
  });
});
