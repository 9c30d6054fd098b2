import { Injectable } from '@nestjs/common';
import { DataSource, IsNull } from 'typeorm';
import { managerOf, type Tx } from '../../database/transaction';
import { OAuth2RefreshTokenEntity } from './oauth2-refresh-token.entity';

export interface NewRefreshToken {
  id: string;
  sessionId: string;
  accessTokenId: string | null;
  tokenSha256: Buffer;
  createdAt: Date;
}

/** OAuth 2.0 refresh tokens (`oauth2_refresh_tokens`), stored only as SHA-256. */
@Injectable()
export class OAuth2RefreshTokenRepository {
  constructor(private readonly dataSource: DataSource) {}

  async add(token: NewRefreshToken, tx?: Tx): Promise<void> {
    await managerOf(tx, this.dataSource).insert(OAuth2RefreshTokenEntity, {
      id: token.id,
      oauth2SessionId: token.sessionId,
      oauth2AccessTokenId: token.accessTokenId,
      refreshTokenSha256: token.tokenSha256,
      createdAt: token.createdAt,
    });
  }

  /** The token with this hash, or null when there is none. */
  findByHash(tokenSha256: Buffer, tx?: Tx): Promise<OAuth2RefreshTokenEntity | null> {
    return managerOf(tx, this.dataSource).findOneBy(OAuth2RefreshTokenEntity, {
      refreshTokenSha256: tokenSha256,
    });
  }

  /** The token with this id, or null when there is none. */
  findById(id: string, tx?: Tx): Promise<OAuth2RefreshTokenEntity | null> {
    return managerOf(tx, this.dataSource).findOneBy(OAuth2RefreshTokenEntity, { id });
  }

  /**
   * Marks a valid token consumed with `nextId` as its successor. False when it was consumed or
   * revoked meanwhile: of two racing refreshes exactly one wins (database-level guarantee).
   */
  async consume(id: string, nextId: string, now: Date, tx?: Tx): Promise<boolean> {
    const r = await managerOf(tx, this.dataSource).update(
      OAuth2RefreshTokenEntity,
      { id, consumedAt: IsNull(), revokedAt: IsNull() },
      { consumedAt: now, nextOAuth2RefreshTokenId: nextId },
    );
    return (r.affected ?? 0) > 0;
  }

  /**
   * Points an already consumed token at a new successor, only while its successor is still
   * `expectedNextId` (lost-response recovery). False when something else changed it.
   */
  async replaceSuccessor(
    id: string,
    expectedNextId: string,
    nextId: string,
    tx?: Tx,
  ): Promise<boolean> {
    const r = await managerOf(tx, this.dataSource).update(
      OAuth2RefreshTokenEntity,
      { id, nextOAuth2RefreshTokenId: expectedNextId },
      { nextOAuth2RefreshTokenId: nextId },
    );
    return (r.affected ?? 0) > 0;
  }

  /** Revokes the token unless already revoked; false when nothing changed. */
  async revoke(id: string, now: Date, tx?: Tx): Promise<boolean> {
    const r = await managerOf(tx, this.dataSource).update(
      OAuth2RefreshTokenEntity,
      { id, revokedAt: IsNull() },
      { revokedAt: now },
    );
    return (r.affected ?? 0) > 0;
  }

  /** Revokes every unrevoked token of a session; returns how many. */
  async revokeAllOfSession(sessionId: string, now: Date, tx?: Tx): Promise<number> {
    const r = await managerOf(tx, this.dataSource).update(
      OAuth2RefreshTokenEntity,
      { oauth2SessionId: sessionId, revokedAt: IsNull() },
      { revokedAt: now },
    );
    return r.affected ?? 0;
  }
}
