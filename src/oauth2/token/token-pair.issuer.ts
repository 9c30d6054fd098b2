import { Injectable } from '@nestjs/common';
import { ExperimentalConfig } from '../../config';
import { Clock, generateToken, hashToken, Rng, TokenType } from '../../core';
import type { Tx } from '../../database/transaction';
import { OAuth2AccessTokenRepository } from '../../storage/oauth2/oauth2-access-token.repository';
import { OAuth2RefreshTokenRepository } from '../../storage/oauth2/oauth2-refresh-token.repository';

export interface IssuedAccessToken {
  accessToken: string;
  accessTokenId: string;
  expiresIn: number;
}

export interface IssuedPair extends IssuedAccessToken {
  refreshToken: string;
  refreshTokenId: string;
}

/**
 * Mints an access token (`mat_`, `experimental.access_token_ttl`) and, for `issue`, a refresh
 * token (`mar_`) for a session; only their SHA-256 hashes are stored.
 */
@Injectable()
export class TokenPairIssuer {
  constructor(
    private readonly clock: Clock,
    private readonly rng: Rng,
    private readonly experimental: ExperimentalConfig,
    private readonly accessTokens: OAuth2AccessTokenRepository,
    private readonly refreshTokens: OAuth2RefreshTokenRepository,
  ) {}

  /** An access token alone (client_credentials; a device grant without `refresh_token`). */
  async issueAccessToken(sessionId: string, tx: Tx): Promise<IssuedAccessToken> {
    const now = this.clock.now();
    const ttl = this.experimental.access_token_ttl;
    const accessToken = generateToken(TokenType.AccessToken, this.rng);
    const accessTokenId = this.rng.ulid();
    await this.accessTokens.add(
      {
        id: accessTokenId,
        sessionId,
        tokenSha256: hashToken(accessToken),
        createdAt: now,
        expiresAt: new Date(now.getTime() + ttl * 1000),
      },
      tx,
    );
    return { accessToken, accessTokenId, expiresIn: ttl };
  }

  async issue(sessionId: string, tx: Tx): Promise<IssuedPair> {
    const { accessToken, accessTokenId, expiresIn } = await this.issueAccessToken(sessionId, tx);
    const now = this.clock.now();
    const refreshToken = generateToken(TokenType.RefreshToken, this.rng);
    const refreshTokenId = this.rng.ulid();
    await this.refreshTokens.add(
      {
        id: refreshTokenId,
        sessionId,
        accessTokenId,
        tokenSha256: hashToken(refreshToken),
        createdAt: now,
      },
      tx,
    );
    return { accessToken, accessTokenId, refreshToken, refreshTokenId, expiresIn };
  }
}
