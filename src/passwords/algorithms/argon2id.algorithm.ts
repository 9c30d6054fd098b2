import * as argon2 from 'argon2';
import { MalformedPasswordHash } from '../password-errors';
import type { PasswordAlgorithm } from './password-algorithm';

/**
 * The OWASP Password Storage Cheat Sheet's first argon2id choice, which is also the Rust
 * `argon2` crate's `Params::default()` MAS hashes with: m=19456 KiB, t=2, p=1, version 0x13,
 * 32-byte output. (The node library's own defaults are m=65536, t=3, p=4.)
 */
export const ARGON2ID_PARAMS = {
  type: argon2.argon2id,
  memoryCost: 19456,
  timeCost: 2,
  parallelism: 1,
  hashLength: 32,
} as const;

const PHC = /^\$argon2(id|i|d)\$/;

/**
 * argon2id through the native `argon2` package (libuv thread pool). A pepper becomes Argon2's
 * secret key K, as MAS's `Argon2::new_with_secret` (RFC 9106 §3.1). Verification reads the
 * parameters from the PHC string, so hashes made with other parameters still verify.
 */
export const argon2idAlgorithm: PasswordAlgorithm = {
  hash(password, pepper, salt) {
    return argon2.hash(password, {
      ...ARGON2ID_PARAMS,
      salt,
      ...(pepper ? { secret: pepper } : {}),
    });
  },

  async verify(hash, password, pepper) {
    if (!PHC.test(hash)) throw new MalformedPasswordHash('stored hash is not an argon2 PHC string');
    try {
      return await argon2.verify(hash, password, pepper ? { secret: pepper } : {});
    } catch (error) {
      throw new MalformedPasswordHash('stored argon2 hash cannot be parsed', { cause: error });
    }
  },
};
