import { Injectable } from '@nestjs/common';
import { DataSource, type SelectQueryBuilder } from 'typeorm';
import { managerOf, type Tx } from '../../database/transaction';
import { fetchPage, type Page, type Pagination } from '../pagination';
import { UpstreamOAuthAuthorizationSessionEntity } from './upstream-oauth-authorization-session.entity';
import { UpstreamOAuthLinkEntity } from './upstream-oauth-link.entity';
import { UpstreamOAuthProviderEntity } from './upstream-oauth-provider.entity';

/** Every column of a provider but `created_at` and `disabled_at`, as config sync writes it. */
export type UpstreamOAuthProviderRow = Omit<
  UpstreamOAuthProviderEntity,
  'createdAt' | 'disabledAt'
>;

/** The filters of the admin API's provider list (MAS `UpstreamOAuthProviderFilter`). */
export interface UpstreamOAuthProviderListFilter {
  /** true: only enabled (`disabled_at IS NULL`), false: only disabled. */
  enabled?: boolean;
}

/** Reads and writes `upstream_oauth_providers` (MAS storage `UpstreamOAuthProviderRepository`). */
@Injectable()
export class UpstreamOAuthProviderRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** The provider with this id, or null when there is none. */
  findById(id: string, tx?: Tx): Promise<UpstreamOAuthProviderEntity | null> {
    return managerOf(tx, this.dataSource).findOneBy(UpstreamOAuthProviderEntity, { id });
  }

  /** Every provider, enabled or not, in id order; an empty list when there are none. */
  listAll(tx?: Tx): Promise<UpstreamOAuthProviderEntity[]> {
    return managerOf(tx, this.dataSource).find(UpstreamOAuthProviderEntity, {
      order: { id: 'ASC' },
    });
  }

  /** A page of providers matching `filter` in id order; an empty page when none match. */
  list(
    filter: UpstreamOAuthProviderListFilter,
    page: Pagination,
  ): Promise<Page<UpstreamOAuthProviderEntity>> {
    return fetchPage(this.filtered(filter), 'p.id', page);
  }

  /** How many providers match `filter`. */
  count(filter: UpstreamOAuthProviderListFilter): Promise<number> {
    return this.filtered(filter).getCount();
  }

  /**
   * Inserts the provider with `createdAt = now`, or overwrites every column of an existing
   * one and enables it again (MAS `upsert`: `disabled_at = NULL`, `created_at` kept).
   */
  async upsert(row: UpstreamOAuthProviderRow, now: Date, tx?: Tx): Promise<void> {
    const manager = managerOf(tx, this.dataSource);
    const existing = await manager.findOneBy(UpstreamOAuthProviderEntity, { id: row.id });
    if (existing) {
      await manager.update(UpstreamOAuthProviderEntity, { id: row.id }, {
        ...row,
        disabledAt: null,
      } as object);
    } else {
      await manager.insert(UpstreamOAuthProviderEntity, {
        ...row,
        createdAt: now,
        disabledAt: null,
      } as object);
    }
  }

  /** Sets `disabled_at` (MAS `disable`); nothing happens for an unknown id. */
  async disable(id: string, now: Date, tx?: Tx): Promise<void> {
    await managerOf(tx, this.dataSource).update(
      UpstreamOAuthProviderEntity,
      { id },
      {
        disabledAt: now,
      },
    );
  }

  /**
   * Deletes the provider with its authorization sessions and links (MAS `delete_by_id`);
   * rows pointing at those sessions keep existing with the reference cleared by the schema.
   * False when there was no such provider.
   */
  async delete(id: string, tx?: Tx): Promise<boolean> {
    const manager = managerOf(tx, this.dataSource);
    await manager.delete(UpstreamOAuthAuthorizationSessionEntity, { upstreamOAuthProviderId: id });
    await manager.delete(UpstreamOAuthLinkEntity, { upstreamOAuthProviderId: id });
    const result = await manager.delete(UpstreamOAuthProviderEntity, { id });
    return (result.affected ?? 0) > 0;
  }

  private filtered(
    f: UpstreamOAuthProviderListFilter,
  ): SelectQueryBuilder<UpstreamOAuthProviderEntity> {
    const qb = this.dataSource.manager.createQueryBuilder(UpstreamOAuthProviderEntity, 'p');
    if (f.enabled === true) qb.andWhere('p.disabledAt IS NULL');
    if (f.enabled === false) qb.andWhere('p.disabledAt IS NOT NULL');
    return qb;
  }
}
