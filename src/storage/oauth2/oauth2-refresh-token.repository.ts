import { Injectable } from '@nestjs/common';
import { DataSource, IsNull } from 'typeorm';
import { managerOf, type Tx } from '../../database/transaction';
import { UserEntity } from '../users/user.entity';
import { OAuth2ClientEntity } from './oauth2-client.entity';
import { OAuth2RefreshTokenEntity } from './oauth2-refresh-token.entity';
import { OAuth2SessionEntity } from './oauth2-session.entity';

export interface NewRefreshToken {
  id: string;
  sessionId: string;
  accessTokenId: string | null;
  tokenSha256: Buffer;
  createdAt: Date;
}

/** A refresh token with everything needed to judge and describe it, read in one query. */
export interface RefreshTokenWithContext {
  token: OAuth2RefreshTokenEntity;
  session: OAuth2SessionEntity;
  client: OAuth2ClientEntity;
  /** Null for a user-less (client_credentials) session. */
  user: UserEntity | null;
}

type JoinedRow = OAuth2RefreshTokenEntity & {
  joinedSession: OAuth2SessionEntity;
  joinedClient: OAuth2ClientEntity;
  joinedUser?: UserEntity | null;
};

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

  /**
   * The token with this hash joined with its session, the session's client and user, in one
   * query starting from the unique index on `refresh_token_sha256` and following primary keys.
   * Rows come back whatever their state (consumed, revoked, finished): the caller judges them.
   * Null when no token has this hash.
   */
  async findByHashWithContext(
    tokenSha256: Buffer,
    tx?: Tx,
  ): Promise<RefreshTokenWithContext | null> {
    const row = (await managerOf(tx, this.dataSource)
      .createQueryBuilder(OAuth2RefreshTokenEntity, 't')
      .innerJoinAndMapOne('t.joinedSession', OAuth2SessionEntity, 's', 's.id = t.oauth2SessionId')
      .innerJoinAndMapOne('t.joinedClient', OAuth2ClientEntity, 'c', 'c.id = s.oauth2ClientId')
      .leftJoinAndMapOne('t.joinedUser', UserEntity, 'u', 'u.id = s.userId')
      .where('t.refreshTokenSha256 = :hash', { hash: tokenSha256 })
      .getOne()) as JoinedRow | null;
    if (!row) return null;
    const { joinedSession, joinedClient, joinedUser, ...token } = row;
    return {
      token: Object.assign(new OAuth2RefreshTokenEntity(), token),
      session: joinedSession,
      client: joinedClient,
      user: joinedUser ?? null,
    };
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
