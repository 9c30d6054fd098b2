import { Injectable } from '@nestjs/common';
import { DataSource, IsNull } from 'typeorm';
import { managerOf, type Tx } from '../../database/transaction';
import { UserEntity } from '../users/user.entity';
import { OAuth2AccessTokenEntity } from './oauth2-access-token.entity';
import { OAuth2ClientEntity } from './oauth2-client.entity';
import { OAuth2SessionEntity } from './oauth2-session.entity';

export interface NewAccessToken {
  id: string;
  sessionId: string;
  tokenSha256: Buffer;
  createdAt: Date;
  expiresAt: Date | null;
}

/** An access token with everything needed to judge and describe it, read in one query. */
export interface AccessTokenWithContext {
  token: OAuth2AccessTokenEntity;
  session: OAuth2SessionEntity;
  client: OAuth2ClientEntity;
  /** Null for a user-less (client_credentials) session. */
  user: UserEntity | null;
}

type JoinedRow = OAuth2AccessTokenEntity & {
  joinedSession: OAuth2SessionEntity;
  joinedClient: OAuth2ClientEntity;
  joinedUser?: UserEntity | null;
};

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

  /**
   * The token with this hash joined with its session, the session's client and the session's
   * user, in one query that starts from the unique index on `access_token_sha256` and follows
   * primary keys. Rows are returned whatever their state (revoked, expired, finished, locked):
   * the caller judges them. Null when no token has this hash.
   */
  async findByHashWithContext(
    tokenSha256: Buffer,
    tx?: Tx,
  ): Promise<AccessTokenWithContext | null> {
    const row = (await managerOf(tx, this.dataSource)
      .createQueryBuilder(OAuth2AccessTokenEntity, 't')
      .innerJoinAndMapOne('t.joinedSession', OAuth2SessionEntity, 's', 's.id = t.oauth2SessionId')
      .innerJoinAndMapOne('t.joinedClient', OAuth2ClientEntity, 'c', 'c.id = s.oauth2ClientId')
      .leftJoinAndMapOne('t.joinedUser', UserEntity, 'u', 'u.id = s.userId')
      .where('t.accessTokenSha256 = :hash', { hash: tokenSha256 })
      .getOne()) as JoinedRow | null;
    if (!row) return null;
    const { joinedSession, joinedClient, joinedUser, ...token } = row;
    return {
      token: Object.assign(new OAuth2AccessTokenEntity(), token),
      session: joinedSession,
      client: joinedClient,
      user: joinedUser ?? null,
    };
  }

  /** The token with this id, or null when there is none. */
  findById(id: string, tx?: Tx): Promise<OAuth2AccessTokenEntity | null> {
    return managerOf(tx, this.dataSource).findOneBy(OAuth2AccessTokenEntity, { id });
  }

  /**
   * Sets `first_used_at` if the token was never used (a conditional UPDATE, so the first use
   * wins under concurrency); false when it was already marked or does not exist.
   */
  async markFirstUsed(id: string, now: Date, tx?: Tx): Promise<boolean> {
    const r = await managerOf(tx, this.dataSource).update(
      OAuth2AccessTokenEntity,
      { id, firstUsedAt: IsNull() },
      { firstUsedAt: now },
    );
    return (r.affected ?? 0) > 0;
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
