import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mergePolicyData, PolicyDataMergeError } from './merge-policy-data';

describe('mergePolicyData (MAS crates/policy/src/lib.rs merge_data)', () => {
  it('should merge objects recursively', () => {
    assert.deepEqual(mergePolicyData({ a: { b: 1, c: 2 } }, { a: { c: 3, d: 4 } }), {
      a: { b: 1, c: 3, d: 4 },
    });
  });

  it('should concatenate arrays', () => {
    assert.deepEqual(mergePolicyData({ a: [1, 2] }, { a: [2, 3] }), { a: [1, 2, 2, 3] });
  });

  it('should let scalars override scalars of the same kind', () => {
    assert.deepEqual(mergePolicyData({ n: 1, s: 'x', b: true }, { n: 2, s: 'y', b: false }), {
      n: 2,
      s: 'y',
      b: false,
    });
  });

  it('should let null override anything, and anything override null', () => {
    assert.deepEqual(mergePolicyData({ a: { b: 1 }, c: [1] }, { a: null, c: null }), {
      a: null,
      c: null,
    });
    assert.deepEqual(mergePolicyData({ a: null }, { a: { b: 1 } }), { a: { b: 1 } });
  });

  it('should refuse to merge different kinds, naming the path', () => {
    assert.throws(
      () => mergePolicyData({ a: { b: [1] } }, { a: { b: 'x' } }),
      (e: unknown) =>
        e instanceof PolicyDataMergeError &&
        e.path === 'a.b' &&
        e.message === 'a.b: cannot merge a string into an array',
    );
    assert.throws(() => mergePolicyData({ a: 1 }, { a: '1' }), PolicyDataMergeError);
    assert.throws(() => mergePolicyData({ a: {} }, { a: [] }), PolicyDataMergeError);
  });

  it('should not modify its inputs', () => {
    const left = { a: { b: [1] } };
    mergePolicyData(left, { a: { b: [2], c: 1 } });
    assert.deepEqual(left, { a: { b: [1] } });
  });

  it('should refuse a document that is not an object', () => {
    assert.throws(() => mergePolicyData([1]), PolicyDataMergeError);
  });
});
