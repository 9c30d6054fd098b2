import { Injectable } from '@nestjs/common';
import { hashToken, TokenType } from '../core';
import {
  OAuth2RefreshTokenRepository,
  type RefreshTokenWithContext,
} from '../storage/oauth2/oauth2-refresh-token.repository';
import { presentedTokenType } from './presented-token-type';
import { refreshInactiveReason } from './refresh-token-activity';

/** A usable OAuth 2.0 refresh token with its session, client and user (snapshot of one query). */
export type ActiveRefreshToken = Readonly<RefreshTokenWithContext>;

/** Turns a presented `mar_` refresh token into its valid token, session, client and user. */
@Injectable()
export class RefreshTokenResolver {
  constructor(private readonly refreshTokens: OAuth2RefreshTokenRepository) {}

  /**
   * The valid refresh token `raw` names, or null when it is malformed, another kind, unknown,
   * revoked, consumed by rotation, of a finished session, or of a locked or deactivated user.
   * Malformed input never reaches the database; everything else costs one indexed query.
   */
  async resolve(raw: string): Promise<ActiveRefreshToken | null> {
    const parsed = presentedTokenType(raw);
    if (parsed?.type !== TokenType.RefreshToken || parsed.legacy) return null;
    const found = await this.refreshTokens.findByHashWithContext(hashToken(raw));
    if (!found || refreshInactiveReason(found) !== null) return null;
    return found;
  }
}
