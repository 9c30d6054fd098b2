import { pbkdf2, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';
import { MalformedPasswordHash } from '../password-errors';
import { appendPepper, type PasswordAlgorithm } from './password-algorithm';

const pbkdf2Async = promisify(pbkdf2);

/**
 * The Rust `pbkdf2` crate 0.12 defaults MAS hashes with (`Params::RECOMMENDED`): HMAC-SHA-256,
 * 600 000 iterations (the OWASP figure for PBKDF2-HMAC-SHA256), 32-byte output.
 */
export const PBKDF2_PARAMS = { digest: 'sha256', iterations: 600_000, length: 32 } as const;

const DIGESTS: Record<string, string> = { 'pbkdf2-sha256': 'sha256', 'pbkdf2-sha512': 'sha512' };

/** PHC base64: RFC 4648 alphabet without padding. */
const b64 = (bytes: Buffer) => bytes.toString('base64').replace(/=+$/, '');

interface Pbkdf2Hash {
  digest: string;
  iterations: number;
  salt: Buffer;
  hash: Buffer;
}

/** Parses `$pbkdf2-sha256$i=600000,l=32$<salt>$<hash>` (parameters in any order). */
function parse(phc: string): Pbkdf2Hash {
  const [empty, id, params, salt, hash, ...rest] = phc.split('$');
  const digest = DIGESTS[id ?? ''];
  if (empty !== '' || !digest || !params || !salt || !hash || rest.length > 0) {
    throw new MalformedPasswordHash('stored hash is not a pbkdf2-sha256/sha512 PHC string');
  }
  const values = new Map(params.split(',').map((kv) => kv.split('=') as [string, string]));
  const iterations = Number(values.get('i'));
  const output = Buffer.from(hash, 'base64');
  const length = values.has('l') ? Number(values.get('l')) : output.length;
  if (!Number.isInteger(iterations) || iterations < 1 || length !== output.length || length < 1) {
    throw new MalformedPasswordHash('stored pbkdf2 hash has invalid parameters');
  }
  return { digest, iterations, salt: Buffer.from(salt, 'base64'), hash: output };
}

/**
 * PBKDF2 (RFC 8018 §5.2) with node:crypto's asynchronous `pbkdf2` (libuv thread pool), in the
 * PHC format of the Rust `password-hash` crate, so hashes move between MAS and mas-ts either
 * way. Like MAS, the pepper is appended to the password.
 */
export const pbkdf2Algorithm: PasswordAlgorithm = {
  async hash(password, pepper, salt) {
    const { digest, iterations, length } = PBKDF2_PARAMS;
    const out = await pbkdf2Async(appendPepper(password, pepper), salt, iterations, length, digest);
    return `$pbkdf2-sha256$i=${iterations},l=${length}$${b64(salt)}$${b64(out)}`;
  },

  async verify(hash, password, pepper) {
    const parsed = parse(hash);
    const out = await pbkdf2Async(
      appendPepper(password, pepper),
      parsed.salt,
      parsed.iterations,
      parsed.hash.length,
      parsed.digest,
    );
    return timingSafeEqual(out, parsed.hash);
  },
};
