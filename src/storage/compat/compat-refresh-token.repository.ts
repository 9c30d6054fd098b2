import { Injectable } from '@nestjs/common';
import { DataSource, IsNull } from 'typeorm';
import { managerOf, type Tx } from '../../database/transaction';
import { UserEntity } from '../users/user.entity';
import { CompatRefreshTokenEntity } from './compat-refresh-token.entity';
import { CompatSessionEntity } from './compat-session.entity';

/** A compat refresh token with its session and user, read in one query. */
export interface CompatRefreshTokenWithContext {
  token: CompatRefreshTokenEntity;
  session: CompatSessionEntity;
  user: UserEntity;
}

type JoinedRow = CompatRefreshTokenEntity & {
  joinedSession: CompatSessionEntity;
  joinedUser: UserEntity;
};

export interface NewCompatRefreshToken {
  id: string;
  sessionId: string;
  accessTokenId: string;
  tokenSha256: Buffer;
  createdAt: Date;
}

/** Compat refresh tokens (`compat_refresh_tokens`: `mcr_…`, imported `syr_…`), as SHA-256. */
@Injectable()
export class CompatRefreshTokenRepository {
  constructor(private readonly dataSource: DataSource) {}

  async add(token: NewCompatRefreshToken, tx?: Tx): Promise<void> {
    await managerOf(tx, this.dataSource).insert(CompatRefreshTokenEntity, {
      id: token.id,
      compatSessionId: token.sessionId,
      compatAccessTokenId: token.accessTokenId,
      refreshTokenSha256: token.tokenSha256,
      createdAt: token.createdAt,
      consumedAt: null,
    });
  }

  /**
   * Consumes the token if nobody has yet: a conditional UPDATE, so of two racing refreshes
   * exactly one wins. Returns false when it was already consumed or does not exist.
   */
  async consume(id: string, now: Date, tx?: Tx): Promise<boolean> {
    const result = await managerOf(tx, this.dataSource).update(
      CompatRefreshTokenEntity,
      { id, consumedAt: IsNull() },
      { consumedAt: now },
    );
    return (result.affected ?? 0) > 0;
  }

  /**
   * The token with this hash joined with its session and the session's user, in one query
   * starting from the unique index on `refresh_token_sha256` and following primary keys. Rows
   * come back whatever their state (consumed, finished, locked): the caller judges them. Null
   * when no token has this hash.
   */
  async findByHashWithContext(
    tokenSha256: Buffer,
    tx?: Tx,
  ): Promise<CompatRefreshTokenWithContext | null> {
    const row = (await managerOf(tx, this.dataSource)
      .createQueryBuilder(CompatRefreshTokenEntity, 't')
      .innerJoinAndMapOne('t.joinedSession', CompatSessionEntity, 's', 's.id = t.compatSessionId')
      .innerJoinAndMapOne('t.joinedUser', UserEntity, 'u', 'u.id = s.userId')
      .where('t.refreshTokenSha256 = :hash', { hash: tokenSha256 })
      .getOne()) as JoinedRow | null;
    if (!row) return null;
    const { joinedSession, joinedUser, ...token } = row;
    return {
      token: Object.assign(new CompatRefreshTokenEntity(), token),
      session: joinedSession,
      user: joinedUser,
    };
  }
}
