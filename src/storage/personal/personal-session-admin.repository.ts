import { Injectable } from '@nestjs/common';
import { DataSource, IsNull } from 'typeorm';
import { managerOf, type Tx } from '../../database/transaction';
import { fetchPage, type Pagination } from '../pagination';
import { ulidToUuid } from '../ulid-column';
import { PersonalAccessTokenEntity } from './personal-access-token.entity';
import { PersonalSessionEntity } from './personal-session.entity';

/** The filters of the admin API's personal session list (MAS `PersonalSessionFilter`). */
export interface PersonalSessionListFilter {
  ownerUserId?: string;
  ownerClientId?: string;
  actorUserId?: string;
  /** Sessions whose scope holds every one of these tokens. */
  scope?: string[];
  status?: 'active' | 'revoked';
  /** On the active token's `expires_at` (exclusive). */
  expiresBefore?: Date;
  expiresAfter?: Date;
  /** Whether the active token expires at all. */
  expires?: boolean;
}

/** A personal session with its unrevoked token (null once the session is revoked). */
export interface PersonalSessionWithToken {
  session: PersonalSessionEntity;
  token: PersonalAccessTokenEntity | null;
}

type Joined = PersonalSessionEntity & { joinedToken?: PersonalAccessTokenEntity | null };

function split(row: Joined): PersonalSessionWithToken {
  const { joinedToken, ...session } = row;
  return {
    session: Object.assign(new PersonalSessionEntity(), session),
    token: joinedToken ?? null,
  };
}

/** The admin API's reads and writes of `personal_sessions` and `personal_access_tokens`. */
@Injectable()
export class PersonalSessionAdminRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** A page of sessions matching `filter` in id order, each with its active token. */
  async list(filter: PersonalSessionListFilter, page: Pagination) {
    const found = await fetchPage(this.filtered(filter), 'p.id', page);
    return { ...found, edges: found.edges.map((r) => split(r)) };
  }

  /** How many sessions match `filter`. */
  count(filter: PersonalSessionListFilter): Promise<number> {
    return this.filtered(filter).getCount();
  }

  /** The session with this id and its active token, or null when there is none. */
  async findById(id: string, tx?: Tx): Promise<PersonalSessionWithToken | null> {
    const row = await this.filtered({}, tx)
      .andWhere('p.id = :id', { id: ulidToUuid(id) })
      .getOne();
    return row ? split(row) : null;
  }

  /** Inserts a session (unrevoked, never active yet). */
  async addSession(
    session: Omit<PersonalSessionEntity, 'revokedAt' | 'lastActiveAt' | 'lastActiveIp'>,
    tx?: Tx,
  ): Promise<void> {
    await managerOf(tx, this.dataSource).insert(PersonalSessionEntity, {
      ...session,
      revokedAt: null,
      lastActiveAt: null,
      lastActiveIp: null,
    });
  }

  /** Inserts an unrevoked token; the session must have no other unrevoked token. */
  async addToken(token: Omit<PersonalAccessTokenEntity, 'revokedAt'>, tx?: Tx): Promise<void> {
    await managerOf(tx, this.dataSource).insert(PersonalAccessTokenEntity, {
      ...token,
      revokedAt: null,
    });
  }

  /** Revokes the session's unrevoked tokens; returns how many. */
  async revokeTokensOf(sessionId: string, at: Date, tx?: Tx): Promise<number> {
    const result = await managerOf(tx, this.dataSource).update(
      PersonalAccessTokenEntity,
      { personalSessionId: sessionId, revokedAt: IsNull() },
      { revokedAt: at },
    );
    return result.affected ?? 0;
  }

  /** Sets `revoked_at` on the session if unset; false when unknown or already revoked. */
  async revokeSession(id: string, at: Date, tx?: Tx): Promise<boolean> {
    const result = await managerOf(tx, this.dataSource).update(
      PersonalSessionEntity,
      { id, revokedAt: IsNull() },
      { revokedAt: at },
    );
    return (result.affected ?? 0) > 0;
  }

  private filtered(f: PersonalSessionListFilter, tx?: Tx) {
    const qb = managerOf(tx, this.dataSource)
      .createQueryBuilder(PersonalSessionEntity, 'p')
      .leftJoinAndMapOne(
        'p.joinedToken',
        PersonalAccessTokenEntity,
        't',
        't.personalSessionId = p.id AND t.revokedAt IS NULL',
      );
    if (f.ownerUserId !== undefined) {
      qb.andWhere('p.ownerUserId = :ownerUserId', { ownerUserId: ulidToUuid(f.ownerUserId) });
    }
    if (f.ownerClientId !== undefined) {
      qb.andWhere('p.ownerOAuth2ClientId = :ownerClientId', {
        ownerClientId: ulidToUuid(f.ownerClientId),
      });
    }
    if (f.actorUserId !== undefined) {
      qb.andWhere('p.actorUserId = :actorUserId', { actorUserId: ulidToUuid(f.actorUserId) });
    }
    if (f.scope !== undefined && f.scope.length > 0) {
      qb.andWhere('p.scopeList @> :scope::text[]', { scope: f.scope });
    }
    if (f.status === 'active') qb.andWhere('p.revokedAt IS NULL');
    if (f.status === 'revoked') qb.andWhere('p.revokedAt IS NOT NULL');
    if (f.expiresBefore) qb.andWhere('t.expiresAt < :expiresBefore', f);
    if (f.expiresAfter) qb.andWhere('t.expiresAt > :expiresAfter', f);
    if (f.expires === true) qb.andWhere('t.expiresAt IS NOT NULL');
    if (f.expires === false) qb.andWhere('t.id IS NOT NULL AND t.expiresAt IS NULL');
    return qb;
  }
}
