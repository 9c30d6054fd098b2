import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
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

/** Compat access tokens (`compat_access_tokens`: `mct_…`, imported `syt_…`), stored as SHA-256. */
@Injectable()
export class CompatAccessTokenRepository {
  constructor(private readonly dataSource: DataSource) {}

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
