import type { OAuth2RefreshTokenEntity } from './oauth2-refresh-token.entity';

export interface RefreshContext {
  token: OAuth2RefreshTokenEntity;
  sessionFinished: boolean;
  /** The token's successor and whether that pair was ever used, when it was consumed. */
  successor: { token: OAuth2RefreshTokenEntity; accessTokenUsed: boolean } | null;
}

export type RefreshDecision =
  | { action: 'rotate' }
  /** The previous response was lost: replace the unused successor pair with a fresh one. */
  | { action: 'recover'; unusedSuccessorId: string; unusedAccessTokenId: string | null }
  | { action: 'reject'; reason: 'session_finished' | 'revoked' | 'replayed'; endSession: boolean };

/**
 * What presenting a refresh token does (RFC 6749 §6, RFC 9700 §4.14.2 rotation): a valid token
 * rotates; a consumed one whose successor pair was never used recovers a lost response (MAS);
 * any other reuse is a replay and ends the whole session (MAS only refuses it).
 */
export function decideRefresh(ctx: RefreshContext): RefreshDecision {
  const { token, successor } = ctx;
  if (ctx.sessionFinished)
    return { action: 'reject', reason: 'session_finished', endSession: false };
  if (token.revokedAt) return { action: 'reject', reason: 'revoked', endSession: false };
  if (!token.consumedAt) return { action: 'rotate' };
  const successorUnused =
    successor !== null &&
    !successor.token.consumedAt &&
    !successor.token.revokedAt &&
    !successor.accessTokenUsed;
  if (successorUnused) {
    return {
      action: 'recover',
      unusedSuccessorId: successor.token.id,
      unusedAccessTokenId: successor.token.oauth2AccessTokenId,
    };
  }
  return { action: 'reject', reason: 'replayed', endSession: true };
}
