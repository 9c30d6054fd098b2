import { Injectable } from '@nestjs/common';
import { Clock, hashToken, OAuthError } from '../../../core';
import { TransactionRunner } from '../../../database/transaction';
import type { OAuth2ClientEntity } from '../../../storage/oauth2/oauth2-client.entity';
import { OAuth2AccessTokenRepository } from '../../../storage/oauth2/oauth2-access-token.repository';
import { OAuth2RefreshTokenRepository } from '../../../storage/oauth2/oauth2-refresh-token.repository';
import { OAuth2SessionRepository } from '../../../storage/oauth2/oauth2-session.repository';
import { decideRefresh } from '../../../storage/oauth2/refresh-token.state';
import { OAuth2SessionTerminator } from '../../../sessions';
import { requiredParam } from '../../../protocol/form-params';
import { TokenPairIssuer } from '../token-pair.issuer';
import type { TokenResponse } from '../token-response';

const INVALID_REFRESH = 'the refresh token is invalid, revoked or already used';

/**
 * `grant_type=refresh_token` (RFC 6749 §6) with rotation (RFC 9700 §4.14.2): both tokens are
 * replaced and the previous access token revoked; a lost response is recovered; a replay ends
 * the whole session.
 */
@Injectable()
export class RefreshTokenGrant {
  constructor(
    private readonly clock: Clock,
    private readonly tx: TransactionRunner,
    private readonly sessions: OAuth2SessionRepository,
    private readonly accessTokens: OAuth2AccessTokenRepository,
    private readonly refreshTokens: OAuth2RefreshTokenRepository,
    private readonly pairs: TokenPairIssuer,
    private readonly terminator: OAuth2SessionTerminator,
  ) {}

  async refresh(client: OAuth2ClientEntity, body: Record<string, unknown>): Promise<TokenResponse> {
    if (!client.grantTypeRefreshToken) {
      throw new OAuthError(
        'unauthorized_client',
        'this client may not use the refresh_token grant',
      );
    }
    const presented = requiredParam(body, 'refresh_token');
    if (body.scope !== undefined) {
      // RFC 6749 §6 allows narrowing; MAS keeps the session's scope. Refuse rather than ignore.
      throw new OAuthError('invalid_scope', 'the scope of a session cannot change on refresh');
    }
    const token = await this.refreshTokens.findByHash(hashToken(presented));
    const session = token ? await this.sessions.findById(token.oauth2SessionId) : null;
    if (!token || !session || session.oauth2ClientId !== client.id) {
      throw new OAuthError('invalid_grant', INVALID_REFRESH);
    }
    const successorToken = token.nextOAuth2RefreshTokenId
      ? await this.refreshTokens.findById(token.nextOAuth2RefreshTokenId)
      : null;
    const successorAccess = successorToken?.oauth2AccessTokenId
      ? await this.accessTokens.findById(successorToken.oauth2AccessTokenId)
      : null;
    const decision = decideRefresh({
      token,
      sessionFinished: session.finishedAt !== null,
      successor: successorToken
        ? { token: successorToken, accessTokenUsed: !!successorAccess?.firstUsedAt }
        : null,
    });

    const now = this.clock.now();
    if (decision.action === 'reject') {
      if (decision.endSession) await this.terminator.end(session.id);
      throw new OAuthError('invalid_grant', INVALID_REFRESH);
    }
    const issued = await this.tx.run(async (t) => {
      const pair = await this.pairs.issue(session.id, t);
      if (decision.action === 'rotate') {
        if (!(await this.refreshTokens.consume(token.id, pair.refreshTokenId, now, t))) {
          throw new OAuthError('invalid_grant', INVALID_REFRESH);
        }
        if (token.oauth2AccessTokenId)
          await this.accessTokens.revoke(token.oauth2AccessTokenId, now, t);
      } else {
        const swapped = await this.refreshTokens.replaceSuccessor(
          token.id,
          decision.unusedSuccessorId,
          pair.refreshTokenId,
          t,
        );
        if (!swapped) throw new OAuthError('invalid_grant', INVALID_REFRESH);
        await this.refreshTokens.revoke(decision.unusedSuccessorId, now, t);
        if (decision.unusedAccessTokenId) {
          await this.accessTokens.revoke(decision.unusedAccessTokenId, now, t);
        }
      }
      return pair;
    });
    return {
      access_token: issued.accessToken,
      token_type: 'Bearer',
      expires_in: issued.expiresIn,
      refresh_token: issued.refreshToken,
      scope: session.scopeList.join(' '),
    };
  }
}
