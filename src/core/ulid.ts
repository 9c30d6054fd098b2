import { encodeTime } from 'ulid';

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** Builds a ULID (https://github.com/ulid/spec) from a timestamp and 10 random bytes (80 bits). */
export function encodeUlid(timeMs: number, random: Buffer): string {
  if (random.length !== 10) {
    throw new RangeError('a ULID needs exactly 10 random bytes');
  }
  let value = BigInt(`0x${random.toString('hex')}`);
  let suffix = '';
  for (let i = 0; i < 16; i++) {
    suffix = CROCKFORD[Number(value & 31n)] + suffix;
    value >>= 5n;
  }
  return encodeTime(timeMs, 10) + suffix;
}

/**
 * True when `value` is a ULID that fits 128 bits (first character 0-7; Crockford base32 is
 * case-insensitive), i.e. one that can name a row; anything else must never reach a uuid column.
 */
export function isStorableUlid(value: string): boolean {
  return /^[0-7][0-9A-HJKMNP-TV-Z]{25}$/i.test(value);
}
