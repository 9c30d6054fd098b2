import { Injectable } from '@nestjs/common';
import { DataSource, IsNull } from 'typeorm';
import { managerOf, type Tx } from '../../database/transaction';
import { OAuth2AccessTokenEntity } from './oauth2-access-token.entity';

export interface NewAccessToken {
  id: string;
  sessionId: string;
  tokenSha256: Buffer;
  createdAt: Date;
  expiresAt: Date | null;
}

/** OAuth 2.0 access tokens (`oauth2_access_tokens`), stored only as SHA-256. */
@Injectable()
export class OAuth2AccessTokenRepository {
  constructor(private readonly dataSource: DataSource) {}

  async add(token: NewAccessToken, tx?: Tx): Promise<void> {
    await managerOf(tx, this.dataSource).insert(OAuth2AccessTokenEntity, {
      id: token.id,
      oauth2SessionId: token.sessionId,
      accessTokenSha256: token.tokenSha256,
      createdAt: token.createdAt,
      expiresAt: token.expiresAt,
    });
  }

  /** The token with this hash, or null when there is none. */
  findByHash(tokenSha256: Buffer, tx?: Tx): Promise<OAuth2AccessTokenEntity | null> {
    return managerOf(tx, this.dataSource).findOneBy(OAuth2AccessTokenEntity, {
      accessTokenSha256: tokenSha256,
    });
  }

  /** The token with this id, or null when there is none. */
  findById(id: string, tx?: Tx): Promise<OAuth2AccessTokenEntity | null> {
    return managerOf(tx, this.dataSource).findOneBy(OAuth2AccessTokenEntity, { id });
  }

  /** Revokes the token unless already revoked; false when nothing changed. */
  async revoke(id: string, now: Date, tx?: Tx): Promise<boolean> {
    const r = await managerOf(tx, this.dataSource).update(
      OAuth2AccessTokenEntity,
      { id, revokedAt: IsNull() },
      { revokedAt: now },
    );
    return (r.affected ?? 0) > 0;
  }

  /** Revokes every still-valid token of a session; returns how many. */
  async revokeAllOfSession(sessionId: string, now: Date, tx?: Tx): Promise<number> {
    const r = await managerOf(tx, this.dataSource).update(
      OAuth2AccessTokenEntity,
      { oauth2SessionId: sessionId, revokedAt: IsNull() },
      { revokedAt: now },
    );
    return r.affected ?? 0;
  }
}
