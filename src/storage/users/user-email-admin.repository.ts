import { Injectable } from '@nestjs/common';
import { DataSource, type SelectQueryBuilder } from 'typeorm';
import { managerOf, type Tx } from '../../database/transaction';
import { fetchPage, type Page, type Pagination } from '../pagination';
import { ulidToUuid } from '../ulid-column';
import { UserEmailEntity } from './user-email.entity';

/** The filters of the admin API's email list (MAS `UserEmailFilter`). */
export interface UserEmailListFilter {
  userId?: string;
  /** The address, compared case-insensitively. */
  email?: string;
}

/** The admin API's reads and deletes of `user_emails`. */
@Injectable()
export class UserEmailAdminRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** A page of addresses matching `filter` in id order; an empty page when none match. */
  list(filter: UserEmailListFilter, page: Pagination): Promise<Page<UserEmailEntity>> {
    return fetchPage(this.filtered(filter), 'e.id', page);
  }

  /** How many addresses match `filter`. */
  count(filter: UserEmailListFilter): Promise<number> {
    return this.filtered(filter).getCount();
  }

  /** The address with this id, or null when there is none. */
  findById(id: string, tx?: Tx): Promise<UserEmailEntity | null> {
    return managerOf(tx, this.dataSource).findOneBy(UserEmailEntity, { id });
  }

  /** Deletes the address; false when there was none with this id. */
  async remove(id: string, tx?: Tx): Promise<boolean> {
    const result = await managerOf(tx, this.dataSource).delete(UserEmailEntity, { id });
    return (result.affected ?? 0) > 0;
  }

  private filtered(f: UserEmailListFilter): SelectQueryBuilder<UserEmailEntity> {
    const qb = this.dataSource.manager.createQueryBuilder(UserEmailEntity, 'e');
    if (f.userId !== undefined) qb.andWhere('e.userId = :userId', { userId: ulidToUuid(f.userId) });
    if (f.email !== undefined) qb.andWhere('lower(e.email) = lower(:email)', { email: f.email });
    return qb;
  }
}
