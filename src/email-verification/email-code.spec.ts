import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { normalizeEmailCode } from './email-code';

describe('normalizeEmailCode', () => {
  it('should accept six digits, ignoring spaces and hyphens as people type them', () => {
    assert.equal(normalizeEmailCode('012345'), '012345');
    assert.equal(normalizeEmailCode(' 012 345 '), '012345');
    assert.equal(normalizeEmailCode('012-345'), '012345');
  });

  it('should refuse anything that is not exactly six digits', () => {
    for (const input of ['', '12345', '1234567', '12345a', '１２３４５６', '12 34 5']) {
      assert.equal(normalizeEmailCode(input), null, input);
    }
  });
});
