import { Injectable } from '@nestjs/common';
import { Clock } from '../core';
import { TransactionRunner } from '../database/transaction';
import { OAuth2AccessTokenRepository } from '../storage/oauth2/oauth2-access-token.repository';
import { OAuth2RefreshTokenRepository } from '../storage/oauth2/oauth2-refresh-token.repository';
import { OAuth2SessionRepository } from '../storage/oauth2/oauth2-session.repository';

/** Ends an OAuth 2.0 session: finished, and every access and refresh token of it revoked. */
@Injectable()
export class OAuth2SessionTerminator {
  constructor(
    private readonly clock: Clock,
    private readonly tx: TransactionRunner,
    private readonly sessions: OAuth2SessionRepository,
    private readonly accessTokens: OAuth2AccessTokenRepository,
    private readonly refreshTokens: OAuth2RefreshTokenRepository,
  ) {}

  /** Idempotent: ending a finished session changes nothing. */
  end(sessionId: string): Promise<void> {
    const now = this.clock.now();
    return this.tx.run(async (t) => {
      await this.sessions.finish(sessionId, now, t);
      await this.accessTokens.revokeAllOfSession(sessionId, now, t);
      await this.refreshTokens.revokeAllOfSession(sessionId, now, t);
    });
  }
}
