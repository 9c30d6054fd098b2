import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { ulidToUuid } from './ulid-column';

/**
 * Keyset pagination over a ULID primary key (MAS mas_storage::Pagination): `after`/`before`
 * are exclusive cursors, `forward` takes the first `count` rows, `backward` the last.
 */
export interface Pagination {
  before: string | null;
  after: string | null;
  direction: 'forward' | 'backward';
  count: number;
}

/** One page of rows in ascending id order, and whether more exist beyond it. */
export interface Page<T> {
  edges: T[];
  hasNextPage: boolean;
  hasPreviousPage: boolean;
}

/**
 * Adds the cursor conditions, the order and `count + 1` as limit on `column` (a query
 * builder property path such as `u.id`), as MAS storage-pg/src/pagination.rs does.
 */
export function paginate<T extends ObjectLiteral>(
  qb: SelectQueryBuilder<T>,
  column: string,
  p: Pagination,
): SelectQueryBuilder<T> {
  if (p.after !== null) qb.andWhere(`${column} > :pageAfter`, { pageAfter: ulidToUuid(p.after) });
  if (p.before !== null) {
    qb.andWhere(`${column} < :pageBefore`, { pageBefore: ulidToUuid(p.before) });
  }
  return qb.orderBy(column, p.direction === 'forward' ? 'ASC' : 'DESC').limit(p.count + 1);
}

/** Turns the `count + 1` rows of {@link paginate} into a page (MAS `Pagination::process`). */
export function pageOf<T>(rows: T[], p: Pagination): Page<T> {
  const full = rows.length === p.count + 1;
  const edges = full ? rows.slice(0, p.count) : rows.slice();
  if (p.direction === 'forward') return { edges, hasNextPage: full, hasPreviousPage: false };
  edges.reverse();
  return { edges, hasNextPage: false, hasPreviousPage: full };
}

/** Runs a paginated query. */
export async function fetchPage<T extends ObjectLiteral>(
  qb: SelectQueryBuilder<T>,
  column: string,
  p: Pagination,
): Promise<Page<T>> {
  return pageOf(await paginate(qb, column, p).getMany(), p);
}
