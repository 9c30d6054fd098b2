import * as bcrypt from 'bcrypt';
import { MalformedPasswordHash } from '../password-errors';
import { appendPepper, type PasswordAlgorithm } from './password-algorithm';

/** Modular crypt bcrypt: `$2a$`, `$2b$` (Synapse, MAS) or `$2y$` (PHP), cost, 22+31 chars. */
const MODULAR_CRYPT = /^\$2([aby])\$(\d\d)\$[./A-Za-z0-9]{53}$/;

const STANDARD = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const BCRYPT = './ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** bcrypt's own base64 (same bit order as RFC 4648, other alphabet, no padding). */
function bcryptBase64(bytes: Buffer): string {
  return [...bytes.toString('base64').replace(/=+$/, '')]
    .map((c) => BCRYPT[STANDARD.indexOf(c)])
    .join('');
}

/** The `$2b$<cost>$<22-char salt>` setting string for a 16-byte salt. */
export function bcryptSetting(cost: number, salt: Buffer): string {
  return `$2b$${String(cost).padStart(2, '0')}$${bcryptBase64(salt).slice(0, 22)}`;
}

/**
 * bcrypt through the native `bcrypt` package (libuv thread pool). Like MAS, the pepper is
 * appended to the password and new hashes are `$2b$`. bcrypt reads at most 72 bytes, so a
 * pepper after a long password is ignored, as in MAS. `$2y$` is the same algorithm under PHP's
 * name; it is verified as `$2b$`, which the native library understands.
 */
export function bcryptAlgorithm(cost: number): PasswordAlgorithm {
  return {
    hash(password, pepper, salt) {
      return bcrypt.hash(appendPepper(password, pepper), bcryptSetting(cost, salt));
    },

    async verify(hash, password, pepper) {
      const match = MODULAR_CRYPT.exec(hash);
      if (!match)
        throw new MalformedPasswordHash('stored hash is not a bcrypt $2a$/$2b$/$2y$ hash');
      const normalised = match[1] === 'y' ? `$2b$${hash.slice(4)}` : hash;
      return bcrypt.compare(appendPepper(password, pepper), normalised);
    },
  };
}
