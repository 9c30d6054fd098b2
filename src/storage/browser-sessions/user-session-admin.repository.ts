import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { fetchPage, type Page, type Pagination } from '../pagination';
import { applySessionListFilter, type SessionListFilter } from '../session-list-filter';
import { UserSessionEntity } from './user-session.entity';

/** The admin API's reads of `user_sessions` (browser sessions). */
@Injectable()
export class UserSessionAdminRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** A page of browser sessions matching `filter` in id order; empty when none match. */
  list(filter: SessionListFilter, page: Pagination): Promise<Page<UserSessionEntity>> {
    return fetchPage(this.filtered(filter), 's.id', page);
  }

  /** How many browser sessions match `filter`. */
  count(filter: SessionListFilter): Promise<number> {
    return this.filtered(filter).getCount();
  }

  private filtered(f: SessionListFilter) {
    const qb = this.dataSource.manager.createQueryBuilder(UserSessionEntity, 's');
    return applySessionListFilter(qb, 's', f);
  }
}
