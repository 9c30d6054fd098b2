import { Injectable } from '@nestjs/common';
import { CompatTokenResolver } from '../../access-tokens';
import { Clock } from '../../core';
import { TransactionRunner } from '../../database/transaction';
import { CompatTokenIssuer } from '../../sessions';
import { CompatAccessTokenRepository } from '../../storage/compat/compat-access-token.repository';
import { CompatRefreshTokenRepository } from '../../storage/compat/compat-refresh-token.repository';
import { badJson, MatrixError, unknownToken } from '../matrix-error';

/** The C-S spec `POST /refresh` success body. */
export interface RefreshResponse {
  access_token: string;
  refresh_token: string;
  expires_in_ms: number;
}

/**
 * `POST /_matrix/client/{version}/refresh` (C-S spec v1.3 "Refreshing access tokens"; MAS
 * compat/refresh.rs): a compat refresh token is spent once for a new access and refresh token,
 * and the access token it came with stops working at once. A spent, unknown or inactive
 * refresh token is 401 `M_UNKNOWN_TOKEN` with `soft_logout: false`.
 */
@Injectable()
export class CompatRefreshService {
  constructor(
    private readonly clock: Clock,
    private readonly tx: TransactionRunner,
    private readonly resolver: CompatTokenResolver,
    private readonly accessTokens: CompatAccessTokenRepository,
    private readonly refreshTokens: CompatRefreshTokenRepository,
    private readonly issuer: CompatTokenIssuer,
  ) {}

  async refresh(body: Record<string, unknown>): Promise<RefreshResponse> {
    const presented = body.refresh_token;
    if (presented === undefined || presented === null) {
      throw new MatrixError(400, 'M_MISSING_PARAM', "Missing parameter 'refresh_token'");
    }
    if (typeof presented !== 'string') throw badJson("'refresh_token' must be a string");
    const found = await this.resolver.resolve(presented);
    if (found?.kind !== 'refresh_token') throw unknownToken('Invalid refresh token');
    const now = this.clock.now();
    const issued = await this.tx.run(async (t) => {
      // Conditional: of two racing refreshes with one token, exactly one wins.
      if (!(await this.refreshTokens.consume(found.token.id, now, t))) return null;
      await this.accessTokens.expire(found.token.compatAccessTokenId, now, t);
      return this.issuer.issue(found.session.id, true, t);
    });
    if (issued?.refreshToken === undefined || issued.expiresInMs === undefined) {
      throw unknownToken('Invalid refresh token');
    }
    return {
      access_token: issued.accessToken,
      refresh_token: issued.refreshToken,
      expires_in_ms: issued.expiresInMs,
    };
  }
}
