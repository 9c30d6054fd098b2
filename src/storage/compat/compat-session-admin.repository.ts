import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { fetchPage, type Pagination } from '../pagination';
import { applySessionListFilter, type SessionListFilter } from '../session-list-filter';
import { ulidToUuid } from '../ulid-column';
import { CompatSessionEntity } from './compat-session.entity';
import { CompatSsoLoginEntity } from './compat-sso-login.entity';

/** The filters of the admin API's compat session list (MAS `CompatSessionFilter`). */
export interface CompatSessionListFilter extends SessionListFilter {
  userSessionId?: string;
}

/** A compat session with the `redirectUrl` of the SSO login that created it, if any. */
export interface CompatSessionWithSso {
  session: CompatSessionEntity;
  redirectUri: string | null;
}

type Joined = CompatSessionEntity & { joinedSso?: CompatSsoLoginEntity | null };

function split(row: Joined): CompatSessionWithSso {
  const { joinedSso, ...session } = row;
  return {
    session: Object.assign(new CompatSessionEntity(), session),
    redirectUri: joinedSso?.redirectUri ?? null,
  };
}

/** The admin API's reads of `compat_sessions`, joined with their SSO login. */
@Injectable()
export class CompatSessionAdminRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** A page of sessions matching `filter` in id order; an empty page when none match. */
  async list(
    filter: CompatSessionListFilter,
    page: Pagination,
  ): Promise<{ edges: CompatSessionWithSso[]; hasNextPage: boolean; hasPreviousPage: boolean }> {
    const found = await fetchPage(this.filtered(filter, true), 'c.id', page);
    return { ...found, edges: found.edges.map((r) => split(r)) };
  }

  /** How many sessions match `filter`. */
  count(filter: CompatSessionListFilter): Promise<number> {
    return this.filtered(filter, false).getCount();
  }

  /** The session with this id and its SSO redirect, or null when there is none. */
  async findById(id: string): Promise<CompatSessionWithSso | null> {
    const row = await this.filtered({}, true)
      .andWhere('c.id = :id', { id: ulidToUuid(id) })
      .getOne();
    return row ? split(row) : null;
  }

  private filtered(f: CompatSessionListFilter, withSso: boolean) {
    const qb = this.dataSource.manager.createQueryBuilder(CompatSessionEntity, 'c');
    if (withSso) {
      qb.leftJoinAndMapOne(
        'c.joinedSso',
        CompatSsoLoginEntity,
        'sso',
        'sso.compatSessionId = c.id',
      );
    }
    if (f.userSessionId !== undefined) {
      qb.andWhere('c.userSessionId = :userSessionId', {
        userSessionId: ulidToUuid(f.userSessionId),
      });
    }
    return applySessionListFilter(qb, 'c', f);
  }
}
