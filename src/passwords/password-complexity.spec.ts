import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { PasswordComplexity, PasswordTooWeak } from './password-complexity';

describe('PasswordComplexity (zxcvbn, passwords.minimum_complexity)', () => {
  const complexity = new PasswordComplexity(3);

  it('should score common and keyboard passwords low and long passphrases high', () => {
    for (const weak of ['password1', 'qwertyuiop', 'letmein123', 'alice2024']) {
      assert.ok(complexity.score(weak) < 3, `${weak}: ${complexity.score(weak)}`);
    }
    for (const strong of ['correct horse battery staple', 'paul remembers it now 7']) {
      assert.equal(complexity.score(strong), 4, strong);
    }
  });

  it('should refuse below the minimum with the score, and accept at it', () => {
    assert.throws(
      () => complexity.check('password1'),
      (e: unknown) => e instanceof PasswordTooWeak && e.score === 0 && e.minimum === 3,
    );
    assert.doesNotThrow(() => complexity.check('correct horse battery staple'));
    assert.doesNotThrow(() => new PasswordComplexity(0).check('a'));
  });

  it('should judge a very long password by its first 128 characters, quickly', () => {
    assert.equal(complexity.score('x'.repeat(100_000)), complexity.score('x'.repeat(128)));
  });
});
