import { OAuthError, parseToken, TokenFormatError, TokenType } from '../../core';

/** The `token_type_hint` values of RFC 7009 §2.1 that this server supports. */
export type TokenTypeHint = 'access_token' | 'refresh_token';

/** The token kinds this endpoint revokes: OAuth 2.0 access (`mat_`) and refresh (`mar_`). */
export type RevocableKind = 'access_token' | 'refresh_token';

/**
 * Validates `token_type_hint` (RFC 7009 §2.1): absent or empty means no hint; a value other
 * than `access_token`/`refresh_token` is `unsupported_token_type` (RFC 7009 §2.2.1, as MAS).
 */
export function parseTokenTypeHint(value: string | undefined): TokenTypeHint | undefined {
  // RFC 6749 §3.1: a parameter sent without a value is treated as omitted.
  if (value === undefined || value === '') return undefined;
  if (value === 'access_token' || value === 'refresh_token') return value;
  throw new OAuthError('unsupported_token_type', `token_type_hint '${value}' is not supported`);
}

/**
 * The kind of a presented token, from its prefix and checksum. Null for anything this endpoint
 * does not revoke: malformed tokens and compat, personal or imported Synapse tokens
 * (RFC 7009 §2.2: an invalid token is not an error). The hint plays no part (RFC 7009 §2.1:
 * the server extends its search beyond the hinted type; the prefix names the type exactly).
 */
export function revocableKind(raw: string): RevocableKind | null {
  let type: TokenType;
  try {
    type = parseToken(raw).type;
  } catch (error) {
    if (error instanceof TokenFormatError) return null;
    throw error;
  }
  switch (type) {
    case TokenType.AccessToken:
      return 'access_token';
    case TokenType.RefreshToken:
      return 'refresh_token';
    case TokenType.CompatAccessToken:
    case TokenType.CompatRefreshToken:
    case TokenType.PersonalAccessToken:
      return null;
  }
}

export type RevocationSubject =
  | { kind: 'access_token'; revokedAt: Date | null; expiresAt: Date | null }
  | { kind: 'refresh_token'; revokedAt: Date | null; consumedAt: Date | null };

export interface RevocationContext {
  /** The stored token the presented one hashes to, or null when there is none. */
  token: RevocationSubject | null;
  /** The token's session, or null when it is missing. */
  session: { id: string; oauth2ClientId: string; finishedAt: Date | null } | null;
  /** The authenticated client making the request. */
  clientId: string;
  now: Date;
}

export type RevocationDecision =
  | { action: 'ignore'; reason: 'unknown' | 'inactive' | 'session_finished' }
  | { action: 'refuse' }
  | { action: 'end_session'; sessionId: string };

function isActive(token: RevocationSubject, now: Date): boolean {
  if (token.revokedAt !== null) return false;
  if (token.kind === 'refresh_token') return token.consumedAt === null;
  return token.expiresAt === null || token.expiresAt.getTime() > now.getTime();
}

/**
 * What revoking a token does. RFC 7009 §2.2: unknown or no longer valid tokens (revoked,
 * expired, consumed by rotation, or of a finished session) are answered as revoked without
 * effect. RFC 7009 §2.1: a valid token issued to another client is refused. Otherwise the whole
 * session ends, so every access and refresh token of it stops working (MAS; RFC 7009 §2.1
 * allows revoking the tokens of the same grant).
 */
export function decideRevocation(ctx: RevocationContext): RevocationDecision {
  const { token, session } = ctx;
  if (token === null || session === null) return { action: 'ignore', reason: 'unknown' };
  if (!isActive(token, ctx.now)) return { action: 'ignore', reason: 'inactive' };
  if (session.finishedAt !== null) return { action: 'ignore', reason: 'session_finished' };
  if (session.oauth2ClientId !== ctx.clientId) return { action: 'refuse' };
  return { action: 'end_session', sessionId: session.id };
}
