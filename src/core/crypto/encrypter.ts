import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { DecryptionError, EncryptionKeyError } from '../errors/core-errors';

const KEY_LENGTH = 32;
const NONCE_LENGTH = 12;
const TAG_LENGTH = 16;

type RandomBytes = (n: number) => Buffer;

/**
 * AES-256-GCM (NIST SP 800-38D) with a fresh 96-bit nonce per message. Output is
 * base64(nonce ‖ ciphertext ‖ tag). Used for client secrets and cookies.
 */
export class Encrypter {
  private readonly key: Buffer;

  constructor(
    key: Buffer,
    private readonly randomBytesFn: RandomBytes = randomBytes,
  ) {
    if (key.length !== KEY_LENGTH) {
      throw new EncryptionKeyError(`encryption key must be ${KEY_LENGTH} bytes, got ${key.length}`);
    }
    this.key = Buffer.from(key);
  }

  /** Builds an encrypter from the 64 hex characters of `secrets.encryption`. */
  static fromHex(hex: string): Encrypter {
    if (!/^[0-9a-fA-F]{64}$/.test(hex)) {
      throw new EncryptionKeyError('encryption key must be 64 hexadecimal characters');
    }
    return new Encrypter(Buffer.from(hex, 'hex'));
  }

  encrypt(plaintext: string | Buffer): string {
    const nonce = this.randomBytesFn(NONCE_LENGTH);
    const cipher = createCipheriv('aes-256-gcm', this.key, nonce, { authTagLength: TAG_LENGTH });
    const data = typeof plaintext === 'string' ? Buffer.from(plaintext, 'utf8') : plaintext;
    const body = Buffer.concat([cipher.update(data), cipher.final()]);
    return Buffer.concat([nonce, body, cipher.getAuthTag()]).toString('base64');
  }

  /** Throws {@link DecryptionError} when the input is malformed, tampered or from another key. */
  decrypt(encoded: string): Buffer {
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(encoded)) {
      throw new DecryptionError('ciphertext is not base64');
    }
    const raw = Buffer.from(encoded, 'base64');
    if (raw.length < NONCE_LENGTH + TAG_LENGTH) {
      throw new DecryptionError('ciphertext is too short');
    }
    const nonce = raw.subarray(0, NONCE_LENGTH);
    const body = raw.subarray(NONCE_LENGTH, raw.length - TAG_LENGTH);
    const tag = raw.subarray(raw.length - TAG_LENGTH);
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.key, nonce, {
        authTagLength: TAG_LENGTH,
      });
      decipher.setAuthTag(tag);
      return Buffer.concat([decipher.update(body), decipher.final()]);
    } catch (cause) {
      throw new DecryptionError('ciphertext failed authentication', { cause });
    }
  }

  decryptString(encoded: string): string {
    return this.decrypt(encoded).toString('utf8');
  }
}
