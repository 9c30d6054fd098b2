import type { Rng } from '../../core';

/**
 * RFC 8628 §6.1: the user code alphabet: upper-case consonants without the easily confused
 * L (no vowels, so no words; no digits, so no 0/O or 1/I/L mix-ups). 19 characters.
 */
export const USER_CODE_ALPHABET = 'BCDFGHJKMNPQRSTVWXZ';
/** Characters in a user code: 19^8 ≈ 1.7 · 10^10 codes, about 34 bits (RFC 8628 §5.1). */
export const USER_CODE_LENGTH = 8;

const IN_ALPHABET = new RegExp(`^[${USER_CODE_ALPHABET}]{${USER_CODE_LENGTH}}$`);

/** A fresh user code, drawn uniformly from {@link USER_CODE_ALPHABET} (rejection sampling). */
export function generateUserCode(rng: Rng): string {
  const limit = 256 - (256 % USER_CODE_ALPHABET.length);
  let code = '';
  while (code.length < USER_CODE_LENGTH) {
    for (const byte of rng.bytes(USER_CODE_LENGTH * 2)) {
      if (byte >= limit) continue;
      code += USER_CODE_ALPHABET[byte % USER_CODE_ALPHABET.length];
      if (code.length === USER_CODE_LENGTH) break;
    }
  }
  return code;
}

/** How a user code is shown to a person: `XXXX-XXXX` (RFC 8628 §6.1, readability). */
export function displayUserCode(code: string): string {
  const half = USER_CODE_LENGTH / 2;
  return `${code.slice(0, half)}-${code.slice(half)}`;
}

/**
 * The canonical form of a user code a person typed, or null when it cannot be one: case is
 * ignored, and so are spaces and dashes anywhere (RFC 8628 §6.1: punctuation added for
 * readability is not part of the code). Anything else outside the alphabet makes it invalid.
 */
export function normaliseUserCode(input: unknown): string | null {
  if (typeof input !== 'string' || input.length > 64) return null;
  const code = input.toUpperCase().replace(/[\s-]/g, '');
  return IN_ALPHABET.test(code) ? code : null;
}
