import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Rng } from '../../core';
import {
  displayUserCode,
  generateUserCode,
  normaliseUserCode,
  USER_CODE_ALPHABET,
  USER_CODE_LENGTH,
} from './user-code';

/** An Rng that hands out the given bytes, in a loop. */
class ScriptedRng extends Rng {
  private i = 0;
  constructor(private readonly script: number[]) {
    super();
  }
  bytes(n: number): Buffer {
    const out = Buffer.alloc(n);
    for (let k = 0; k < n; k++) out[k] = this.script[this.i++ % this.script.length];
    return out;
  }
  ulid(): string {
    return '01J00000000000000000000000';
  }
}

describe('user codes (RFC 8628 §6.1)', () => {
  it('should draw 8 characters of the alphabet, without 0, O, 1, I, L or vowels', () => {
    assert.equal(USER_CODE_ALPHABET.length, 19);
    assert.doesNotMatch(USER_CODE_ALPHABET, /[0-9AEIOUL]/);
    const code = generateUserCode(new ScriptedRng([0, 1, 2, 3, 4, 5, 6, 7]));
    assert.equal(code, 'BCDFGHJK');
    assert.equal(code.length, USER_CODE_LENGTH);
  });

  it('should skip bytes that would bias the draw (rejection sampling)', () => {
    // 256 - 256 % 19 = 247: bytes 247..255 are dropped; 19 maps to the first letter again.
    const code = generateUserCode(new ScriptedRng([255, 247, 19, 18]));
    assert.equal(code, 'BZBZBZBZ');
  });

  it('should show the code as XXXX-XXXX', () => {
    assert.equal(displayUserCode('BCDFGHJK'), 'BCDF-GHJK');
  });

  it('should accept the code in any case, with or without the dash, and with spaces around', () => {
    for (const typed of ['BCDF-GHJK', 'bcdfghjk', '  bcdf-GHJK ', 'bcdf ghjk', 'B-C-D-F-G-H-J-K']) {
      assert.equal(normaliseUserCode(typed), 'BCDFGHJK', typed);
    }
  });

  it('should refuse what cannot be a user code without looking it up', () => {
    for (const typed of [
      '',
      'BCDF-GHJ',
      'BCDF-GHJKM',
      'BCDF-GHJ0',
      'BCDF_GHJK',
      'ABCD-EFGH',
      'x'.repeat(100),
    ]) {
      assert.equal(normaliseUserCode(typed), null, typed);
    }
    assert.equal(normaliseUserCode(undefined), null);
    assert.equal(normaliseUserCode(['BCDFGHJK']), null);
  });
});
