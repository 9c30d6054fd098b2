import { Injectable } from '@nestjs/common';
import { ExperimentalConfig } from '../config';
import { Clock, generateToken, hashToken, Rng, TokenType } from '../core';
import type { Tx } from '../database/transaction';
import { CompatAccessTokenRepository } from '../storage/compat/compat-access-token.repository';
import { CompatRefreshTokenRepository } from '../storage/compat/compat-refresh-token.repository';

/** What a legacy login or refresh hands the client (Matrix C-S `/login`, `/refresh`). */
export interface IssuedCompatTokens {
  accessToken: string;
  /** With a refresh token only. */
  refreshToken?: string;
  /** Lifetime of the access token in milliseconds; only when it expires. */
  expiresInMs?: number;
}

/**
 * Mints compat tokens for a session (inventory §2.11): an `mct_` access token that never
 * expires, or, when the client asked for refresh tokens, one that lives
 * `experimental.compat_token_ttl` seconds with an `mcr_` refresh token. Only hashes are stored.
 */
@Injectable()
export class CompatTokenIssuer {
  constructor(
    private readonly clock: Clock,
    private readonly rng: Rng,
    private readonly experimental: ExperimentalConfig,
    private readonly accessTokens: CompatAccessTokenRepository,
    private readonly refreshTokens: CompatRefreshTokenRepository,
  ) {}

  async issue(sessionId: string, withRefreshToken: boolean, tx: Tx): Promise<IssuedCompatTokens> {
    const now = this.clock.now();
    const accessToken = generateToken(TokenType.CompatAccessToken, this.rng);
    const accessTokenId = this.rng.ulid();
    const ttlMs = this.experimental.compat_token_ttl * 1000;
    await this.accessTokens.add(
      {
        id: accessTokenId,
        sessionId,
        tokenSha256: hashToken(accessToken),
        createdAt: now,
        expiresAt: withRefreshToken ? new Date(now.getTime() + ttlMs) : null,
      },
      tx,
    );
    if (!withRefreshToken) return { accessToken };
    const refreshToken = generateToken(TokenType.CompatRefreshToken, this.rng);
    await this.refreshTokens.add(
      {
        id: this.rng.ulid(),
        sessionId,
        accessTokenId,
        tokenSha256: hashToken(refreshToken),
        createdAt: now,
      },
      tx,
    );
    return { accessToken, refreshToken, expiresInMs: ttlMs };
  }
}
