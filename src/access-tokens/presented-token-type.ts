import { parseToken, type ParsedToken, TokenFormatError } from '../core';

/**
 * The kind of a presented token from its prefix and checksum (CONTRACTS §4), or null when it is
 * malformed, has an unknown prefix or a wrong checksum. Never throws on bad input.
 */
export function presentedTokenType(raw: string): ParsedToken | null {
  try {
    return parseToken(raw);
  } catch (error) {
    if (error instanceof TokenFormatError) return null;
    throw error;
  }
}
