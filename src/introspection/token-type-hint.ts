import { TokenType } from '../core';

/**
 * Whether a presented token may be reported under `token_type_hint` (RFC 7662 §2.1). Absent or
 * empty (RFC 6749 §3.1) means no hint. As MAS does, a hint naming another type, or a value we
 * do not know, makes the answer inactive rather than widening the search: Synapse always
 * sends `access_token`, so its refresh tokens can never pass as access tokens.
 */
export function hintAllows(hint: string | undefined, type: TokenType): boolean {
  if (hint === undefined || hint === '') return true;
  switch (type) {
    case TokenType.AccessToken:
    case TokenType.CompatAccessToken:
    case TokenType.PersonalAccessToken:
      return hint === 'access_token';
    case TokenType.RefreshToken:
    case TokenType.CompatRefreshToken:
      return hint === 'refresh_token';
  }
}
