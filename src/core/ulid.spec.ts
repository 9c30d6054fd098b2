import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { decodeTime } from 'ulid';
import { encodeUlid } from './ulid';

describe('encodeUlid', () => {
  it('should encode time and 80 random bits in Crockford base32', () => {
    assert.equal(encodeUlid(0, Buffer.alloc(10)), '00000000000000000000000000');
    assert.equal(encodeUlid(0, Buffer.alloc(10, 0xff)), '0000000000ZZZZZZZZZZZZZZZZ');
    // 1469918176385 is the example timestamp of the ULID spec (01ARYZ6S41...).
    const id = encodeUlid(1469918176385, Buffer.from('00000000000000000001', 'hex'));
    assert.equal(id, '01ARYZ6S410000000000000001');
    assert.equal(decodeTime(id), 1469918176385);
  });

  it('should refuse random parts that are not 10 bytes', () => {
    assert.throws(() => encodeUlid(0, Buffer.alloc(9)), RangeError);
  });
});
