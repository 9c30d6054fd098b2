import { createHash } from 'node:crypto';
import { TokenFormatError } from '../errors/core-errors';
import type { Rng } from '../rng';
import { tokenChecksum } from './checksum';
import { TOKEN_PREFIX, TokenType, tokenTypeForPrefix } from './token-type';

const RANDOM_LENGTH = 30;
const ALPHANUMERIC = /^[A-Za-z0-9]+$/;
const BASE64URL_UNPADDED = /^[A-Za-z0-9_-]+$/;

export interface ParsedToken {
  type: TokenType;
  /** Imported from Synapse (`syt_`, `syr_`, macaroon): no checksum to verify. */
  legacy: boolean;
}

/** `<prefix>_<30 alphanumeric>_<6-char checksum>` (CONTRACTS §4). */
export function generateToken(type: TokenType, rng: Rng): string {
  const base = `${TOKEN_PREFIX[type]}_${rng.alphanumeric(RANDOM_LENGTH)}`;
  return `${base}_${tokenChecksum(base)}`;
}

/** Classifies a presented token, verifying its checksum; throws {@link TokenFormatError}. */
export function parseToken(raw: string): ParsedToken {
  if (raw.startsWith('syt_') || isLikelySynapseMacaroon(raw)) {
    return { type: TokenType.CompatAccessToken, legacy: true };
  }
  if (raw.startsWith('syr_')) {
    return { type: TokenType.CompatRefreshToken, legacy: true };
  }

  const parts = raw.split('_');
  if (parts.length !== 3) {
    throw new TokenFormatError('format', 'token must have three underscore-separated parts');
  }
  const [prefix, random, checksum] = parts as [string, string, string];
  if (prefix.length !== 3 || random.length !== RANDOM_LENGTH || checksum.length !== 6) {
    throw new TokenFormatError('format', 'token parts have the wrong length');
  }
  if (!ALPHANUMERIC.test(random) || !ALPHANUMERIC.test(checksum)) {
    throw new TokenFormatError('format', 'token contains characters outside [A-Za-z0-9]');
  }
  const type = tokenTypeForPrefix(prefix);
  if (type === undefined) {
    throw new TokenFormatError('prefix', `unknown token prefix ${JSON.stringify(prefix)}`);
  }
  if (tokenChecksum(`${prefix}_${random}`) !== checksum) {
    throw new TokenFormatError('checksum', 'token checksum does not match');
  }
  return { type, legacy: false };
}

/** SHA-256 of the token's UTF-8 bytes: the only form in which tokens are stored. */
export function hashToken(raw: string): Buffer {
  return createHash('sha256').update(raw, 'utf8').digest();
}

/** Synapse macaroons are unpadded base64url whose first caveat is `location ` at bytes 4..13. */
function isLikelySynapseMacaroon(raw: string): boolean {
  if (!BASE64URL_UNPADDED.test(raw) || raw.length % 4 === 1) {
    return false;
  }
  const decoded = Buffer.from(raw, 'base64url');
  return decoded.subarray(4, 13).toString('latin1') === 'location ';
}
