import { Injectable } from '@nestjs/common';
import { DataSource, IsNull, MoreThan } from 'typeorm';
import { managerOf, type Tx } from '../../database/transaction';
import { UserEntity } from '../users/user.entity';
import { CompatAccessTokenEntity } from './compat-access-token.entity';
import { CompatSessionEntity } from './compat-session.entity';

/** A compat access token with its session and user, read in one query. */
export interface CompatAccessTokenWithContext {
  token: CompatAccessTokenEntity;
  session: CompatSessionEntity;
  user: UserEntity;
}

type JoinedRow = CompatAccessTokenEntity & {
  joinedSession: CompatSessionEntity;
  joinedUser: UserEntity;
};

export interface NewCompatAccessToken {
  id: string;
  sessionId: string;
  tokenSha256: Buffer;
  createdAt: Date;
  /** Null for a token that never expires (a login without `refresh_token: true`). */
  expiresAt: Date | null;
}

/** Compat access tokens (`compat_access_tokens`: `mct_…`, imported `syt_…`), stored as SHA-256. */
@Injectable()
export class CompatAccessTokenRepository {
  constructor(private readonly dataSource: DataSource) {}

  async add(token: NewCompatAccessToken, tx?: Tx): Promise<void> {
    await managerOf(tx, this.dataSource).insert(CompatAccessTokenEntity, {
      id: token.id,
      compatSessionId: token.sessionId,
      accessTokenSha256: token.tokenSha256,
      createdAt: token.createdAt,
      expiresAt: token.expiresAt,
    });
  }

  /**
   * Makes the token expire at `now` unless it already has (MAS `expire`: the access token a
   * refresh replaced). Returns false when nothing changed.
   */
  async expire(id: string, now: Date, tx?: Tx): Promise<boolean> {
    const manager = managerOf(tx, this.dataSource);
    const never = await manager.update(
      CompatAccessTokenEntity,
      { id, expiresAt: IsNull() },
      { expiresAt: now },
    );
    const later = await manager.update(
      CompatAccessTokenEntity,
      { id, expiresAt: MoreThan(now) },
      { expiresAt: now },
    );
    return (never.affected ?? 0) + (later.affected ?? 0) > 0;
  }

  /**
   * The token with this hash joined with its session and the session's user, in one query
   * starting from the unique index on `access_token_sha256` and following primary keys. Rows
   * come back whatever their state (expired, finished, locked): the caller judges them. Null
   * when no token has this hash.
   */
  async findByHashWithContext(
    tokenSha256: Buffer,
    tx?: Tx,
  ): Promise<CompatAccessTokenWithContext | null> {
    const row = (await managerOf(tx, this.dataSource)
      .createQueryBuilder(CompatAccessTokenEntity, 't')
      .innerJoinAndMapOne('t.joinedSession', CompatSessionEntity, 's', 's.id = t.compatSessionId')
      .innerJoinAndMapOne('t.joinedUser', UserEntity, 'u', 'u.id = s.userId')
      .where('t.accessTokenSha256 = :hash', { hash: tokenSha256 })
      .getOne()) as JoinedRow | null;
    if (!row) return null;
    const { joinedSession, joinedUser, ...token } = row;
    return {
      token: Object.assign(new CompatAccessTokenEntity(), token),
      session: joinedSession,
      user: joinedUser,
    };
  }
}
