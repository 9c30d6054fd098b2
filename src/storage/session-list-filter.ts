import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { ulidToUuid } from './ulid-column';

/** The filters every admin session list shares (MAS `*SessionFilter`). */
export interface SessionListFilter {
  userId?: string;
  status?: 'active' | 'finished';
  createdBefore?: Date;
  createdAfter?: Date;
  lastActiveBefore?: Date;
  lastActiveAfter?: Date;
}

/**
 * Adds the shared session conditions on `alias`, whose entity has `userId`, `createdAt`,
 * `finishedAt` and `lastActiveAt`; bounds are exclusive as in MAS.
 */
export function applySessionListFilter<T extends ObjectLiteral>(
  qb: SelectQueryBuilder<T>,
  alias: string,
  f: SessionListFilter,
): SelectQueryBuilder<T> {
  if (f.userId !== undefined) {
    qb.andWhere(`${alias}.userId = :filterUserId`, { filterUserId: ulidToUuid(f.userId) });
  }
  if (f.status === 'active') qb.andWhere(`${alias}.finishedAt IS NULL`);
  if (f.status === 'finished') qb.andWhere(`${alias}.finishedAt IS NOT NULL`);
  if (f.createdBefore) qb.andWhere(`${alias}.createdAt < :createdBefore`, f);
  if (f.createdAfter) qb.andWhere(`${alias}.createdAt > :createdAfter`, f);
  if (f.lastActiveBefore) qb.andWhere(`${alias}.lastActiveAt < :lastActiveBefore`, f);
  if (f.lastActiveAfter) qb.andWhere(`${alias}.lastActiveAt > :lastActiveAfter`, f);
  return qb;
}
