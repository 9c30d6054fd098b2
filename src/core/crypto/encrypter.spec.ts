import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SeededRng } from '../../../test/fakes/seeded-rng';
import { DecryptionError, EncryptionKeyError } from '../errors/core-errors';
import { Encrypter } from './encrypter';

const KEY_HEX = '0000111122223333444455556666777788889999aaaabbbbccccddddeeeeffff';

function flip(encoded: string, index: number): string {
  const raw = Buffer.from(encoded, 'base64');
  raw[index] = raw[index] ^ 0x01;
  return raw.toString('base64');
}

describe('Encrypter', () => {
  const encrypter = Encrypter.fromHex(KEY_HEX);

  it('should round-trip strings and buffers', () => {
    assert.equal(encrypter.decryptString(encrypter.encrypt('client s3cret ✓')), 'client s3cret ✓');
    const bytes = Buffer.from([0, 1, 2, 255]);
    assert.deepEqual(encrypter.decrypt(encrypter.encrypt(bytes)), bytes);
    assert.equal(encrypter.decryptString(encrypter.encrypt('')), '');
  });

  it('should produce base64(12-byte nonce || ciphertext || 16-byte tag) with fresh nonces', () => {
    const a = encrypter.encrypt('hello');
    const b = encrypter.encrypt('hello');
    assert.equal(Buffer.from(a, 'base64').length, 12 + 5 + 16);
    assert.notEqual(a, b);
    assert.notDeepEqual(
      Buffer.from(a, 'base64').subarray(0, 12),
      Buffer.from(b, 'base64').subarray(0, 12),
    );
  });

  it('should use the injected randomness for the nonce', () => {
    const rng = new SeededRng('nonce');
    const expected = new SeededRng('nonce').bytes(12);
    const seeded = new Encrypter(Buffer.from(KEY_HEX, 'hex'), (n) => rng.bytes(n));
    assert.deepEqual(Buffer.from(seeded.encrypt('x'), 'base64').subarray(0, 12), expected);
  });

  it('should detect tampering with the nonce, ciphertext or tag', () => {
    const encoded = encrypter.encrypt('tamper me');
    for (const index of [0, 11, 12, 20, 12 + 9, 12 + 9 + 15]) {
      assert.throws(
        () => encrypter.decrypt(flip(encoded, index)),
        DecryptionError,
        `byte ${index}`,
      );
    }
  });

  it('should refuse ciphertext from another key', () => {
    const other = Encrypter.fromHex('f'.repeat(64));
    assert.throws(() => other.decrypt(encrypter.encrypt('secret')), DecryptionError);
  });

  it('should refuse malformed input with a DecryptionError', () => {
    assert.throws(() => encrypter.decrypt(''), DecryptionError);
    assert.throws(() => encrypter.decrypt('not base64!'), DecryptionError);
    assert.throws(() => encrypter.decrypt(Buffer.alloc(27).toString('base64')), DecryptionError);
    assert.throws(
      () => encrypter.decrypt('AAAA'),
      (error: unknown) => error instanceof DecryptionError && error.code === 'decryption_failed',
    );
  });

  it('should refuse keys that are not 32 bytes', () => {
    assert.throws(() => new Encrypter(Buffer.alloc(16)), EncryptionKeyError);
    assert.throws(() => Encrypter.fromHex('abcd'), EncryptionKeyError);
    assert.throws(() => Encrypter.fromHex('z'.repeat(64)), EncryptionKeyError);
  });
});
