import { crc32 } from './crc32';

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/**
 * CONTRACTS §4: CRC-32 of `<prefix>_<random>` in base62, least significant digit first, then
 * left-padded with `0` to 6 characters (62^6 > 2^32, so it never overflows).
 */
export function tokenChecksum(base: string): string {
  let value = crc32(base);
  let digits = '';
  while (value > 0) {
    digits += BASE62[value % 62];
    value = Math.floor(value / 62);
  }
  return digits.padStart(6, '0');
}
