import assert from 'node:assert/strict';
import * as zlib from 'node:zlib';
import { describe, it } from 'node:test';
import { tokenChecksum } from './checksum';
import { crc32 } from './crc32';

describe('crc32', () => {
  it('should match the CRC-32/ISO-HDLC check value', () => {
    assert.equal(crc32('123456789'), 0xcbf43926);
    assert.equal(crc32(''), 0);
    assert.equal(crc32('The quick brown fox jumps over the lazy dog'), 0x414fa339);
  });

  it('should agree with zlib.crc32 when the runtime has it', (t) => {
    const native = (zlib as { crc32?: (data: Buffer) => number }).crc32;
    if (typeof native !== 'function') {
      t.skip('zlib.crc32 not available');
      return;
    }
    for (let i = 0; i < 200; i++) {
      const data = Buffer.from(`mat_${i}_${'x'.repeat(i)}`);
      assert.equal(crc32(data), native(data));
    }
  });
});

describe('tokenChecksum', () => {
  it('should write the CRC in base62, least significant digit first', () => {
    // crc32('123456789') = 3421780262; most-significant-first base62 would be '3jZRME'.
    assert.equal(tokenChecksum('123456789'), 'EMRZj3');
  });

  it('should left-pad short checksums with 0', () => {
    assert.equal(tokenChecksum(''), '000000');
    assert.equal(tokenChecksum('mat_00000000000000000000000000000J'), '00EqQC');
  });
});
