import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { fetchPage, type Page, type Pagination } from '../pagination';
import { applySessionListFilter, type SessionListFilter } from '../session-list-filter';
import { ulidToUuid } from '../ulid-column';
import { OAuth2ClientEntity } from './oauth2-client.entity';
import { OAuth2SessionEntity } from './oauth2-session.entity';

/** The filters of the admin API's OAuth 2.0 session list (MAS `OAuth2SessionFilter`). */
export interface OAuth2SessionListFilter extends SessionListFilter {
  /** Sessions of any of these clients. */
  clientIds?: string[];
  clientKind?: 'static' | 'dynamic';
  userSessionId?: string;
  /** Sessions whose scope holds every one of these tokens. */
  scope?: string[];
}

/** The admin API's reads of `oauth2_sessions`. */
@Injectable()
export class OAuth2SessionAdminRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** A page of sessions matching `filter` in id order; an empty page when none match. */
  list(filter: OAuth2SessionListFilter, page: Pagination): Promise<Page<OAuth2SessionEntity>> {
    return fetchPage(this.filtered(filter), 's.id', page);
  }

  /** How many sessions match `filter`. */
  count(filter: OAuth2SessionListFilter): Promise<number> {
    return this.filtered(filter).getCount();
  }

  private filtered(f: OAuth2SessionListFilter) {
    const qb = this.dataSource.manager.createQueryBuilder(OAuth2SessionEntity, 's');
    if (f.clientIds !== undefined && f.clientIds.length > 0) {
      qb.andWhere('s.oauth2ClientId IN (:...clientIds)', {
        clientIds: f.clientIds.map(ulidToUuid),
      });
    }
    if (f.clientKind !== undefined) {
      const sub = qb
        .subQuery()
        .select('1')
        .from(OAuth2ClientEntity, 'k')
        .where('k.id = s.oauth2ClientId AND k.isStatic = :isStatic')
        .getQuery();
      qb.andWhere(`EXISTS ${sub}`, { isStatic: f.clientKind === 'static' });
    }
    if (f.userSessionId !== undefined) {
      qb.andWhere('s.userSessionId = :userSessionId', {
        userSessionId: ulidToUuid(f.userSessionId),
      });
    }
    if (f.scope !== undefined && f.scope.length > 0) {
      qb.andWhere('s.scopeList @> :scope::text[]', { scope: f.scope });
    }
    return applySessionListFilter(qb, 's', f);
  }
}
