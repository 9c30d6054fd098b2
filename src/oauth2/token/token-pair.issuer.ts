import { Injectable } from '@nestjs/common';
import { ExperimentalConfig } from '../../config';
import { Clock, generateToken, hashToken, Rng, TokenType } from '../../core';
import type { Tx } from '../../database/transaction';
import { OAuth2AccessTokenRepository } from '../../storage/oauth2/oauth2-access-token.repository';
import { OAuth2RefreshTokenRepository } from '../../storage/oauth2/oauth2-refresh-token.repository';

export interface IssuedPair {
  accessToken: string;
  accessTokenId: string;
  refreshToken: string;
  refreshTokenId: string;
  expiresIn: number;
}

/**
 * Mints an access token (`mat_`, `experimental.access_token_ttl`) and a refresh token (`mar_`)
 * for a session; only their SHA-256 hashes are stored.
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

  async issue(sessionId: string, tx: Tx): Promise<IssuedPair> {
    const now = this.clock.now();
    const ttl = this.experimental.access_token_ttl;
    const accessToken = generateToken(TokenType.AccessToken, this.rng);
    const refreshToken = generateToken(TokenType.RefreshToken, this.rng);
    const accessTokenId = this.rng.ulid();
    const refreshTokenId = this.rng.ulid();
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
    return { accessToken, accessTokenId, refreshToken, refreshTokenId, expiresIn: ttl };
  }
}
