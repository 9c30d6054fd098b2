/** Kinds of opaque tokens MAS issues (MAS `crates/data-model/src/tokens.rs`). */
export enum TokenType {
  AccessToken = 'access_token',
  RefreshToken = 'refresh_token',
  CompatAccessToken = 'compat_access_token',
  CompatRefreshToken = 'compat_refresh_token',
  PersonalAccessToken = 'personal_access_token',
}

export const TOKEN_PREFIX: Readonly<Record<TokenType, string>> = {
  [TokenType.AccessToken]: 'mat',
  [TokenType.RefreshToken]: 'mar',
  [TokenType.CompatAccessToken]: 'mct',
  [TokenType.CompatRefreshToken]: 'mcr',
  [TokenType.PersonalAccessToken]: 'mpt',
};

const BY_PREFIX = new Map<string, TokenType>(
  Object.entries(TOKEN_PREFIX).map(([type, prefix]) => [prefix, type as TokenType]),
);

export function tokenTypeForPrefix(prefix: string): TokenType | undefined {
  return BY_PREFIX.get(prefix);
}
