import type { Page, Pagination } from '../../storage/pagination';
import type { IncludeCount } from './list-query';

/** The path every admin resource lives under. */
export const ADMIN_API_BASE = '/api/admin/v1';

/** One resource in MAS's JSON:API-like form (admin/response.rs `SingleResource`). */
export interface SingleResource<A> {
  type: string;
  id: string;
  attributes: A;
  links: { self: string };
  meta?: { page: { cursor: string } };
}

/** A resource kind: its `type` and the collection path its canonical links live under. */
export interface ResourceKind {
  type: string;
  /** e.g. `/api/admin/v1/users`. */
  path: string;
}

export function resourceOf<A>(kind: ResourceKind, id: string, attributes: A): SingleResource<A> {
  return { type: kind.type, id, attributes, links: { self: `${kind.path}/${id}` } };
}

/** `{data, links: {self}}` (MAS `SingleResponse`); `self` defaults to the canonical path. */
export function singleResponse<A>(
  kind: ResourceKind,
  id: string,
  attributes: A,
  self = `${kind.path}/${id}`,
) {
  return { data: resourceOf(kind, id, attributes), links: { self } };
}

export interface PaginatedResponse<A> {
  meta?: { count: number };
  data?: SingleResource<A>[];
  links: { self: string; first?: string; last?: string; next?: string; prev?: string };
}

/** MAS `IncludeCount::add_to_base`. */
export function withCount(base: string, includeCount: IncludeCount): string {
  if (includeCount === 'true') return base;
  return `${base}${base.includes('?') ? '&' : '?'}count=${includeCount}`;
}

/** MAS `url_with_pagination`: cursors, then the page size and direction. */
export function urlWithPagination(base: string, p: Pagination): string {
  const q = base.indexOf('?');
  const path = q === -1 ? base : base.slice(0, q);
  const parts =
    q === -1
      ? []
      : base
          .slice(q + 1)
          .split('&')
          .filter((s) => s !== '');
  if (p.before !== null) parts.push(`page[before]=${p.before}`);
  if (p.after !== null) parts.push(`page[after]=${p.after}`);
  parts.push(`page[${p.direction === 'forward' ? 'first' : 'last'}]=${p.count}`);
  return `${path}?${parts.join('&')}`;
}

/** MAS `PaginatedResponse::for_page`. */
export function pageResponse<T, A>(
  kind: ResourceKind,
  page: Page<T>,
  p: Pagination,
  count: number | null,
  base: string,
  view: (row: T) => { id: string; attributes: A },
): PaginatedResponse<A> {
  const data = page.edges.map((row) => {
    const { id, attributes } = view(row);
    return { ...resourceOf(kind, id, attributes), meta: { page: { cursor: id } } };
  });
  const links: PaginatedResponse<A>['links'] = {
    self: urlWithPagination(base, p),
    first: urlWithPagination(base, {
      before: null,
      after: null,
      direction: 'forward',
      count: p.count,
    }),
    last: urlWithPagination(base, {
      before: null,
      after: null,
      direction: 'backward',
      count: p.count,
    }),
  };
  if (page.hasNextPage && data.length > 0) {
    links.next = urlWithPagination(base, { ...p, before: null, after: data[data.length - 1].id });
  }
  if (page.hasPreviousPage && data.length > 0) {
    links.prev = urlWithPagination(base, { ...p, after: null, before: data[0].id });
  }
  return { ...(count === null ? {} : { meta: { count } }), data, links };
}

/** MAS `PaginatedResponse::for_count_only`. */
export function countOnlyResponse(count: number, base: string): PaginatedResponse<never> {
  return { meta: { count }, links: { self: base } };
}

/** What a list endpoint needs to answer any `count` mode. */
export interface Listing<T, A> {
  kind: ResourceKind;
  pagination: Pagination;
  includeCount: IncludeCount;
  /** The canonical filter query string (`?filter[…]=…` or ''). */
  filters: string;
  list: (p: Pagination) => Promise<Page<T>>;
  count: () => Promise<number>;
  view: (row: T) => { id: string; attributes: A };
}

/** Answers a list request in its `count` mode (MAS list handlers). */
export async function answerListing<T, A>(l: Listing<T, A>): Promise<PaginatedResponse<A>> {
  const base = withCount(`${l.kind.path}${l.filters}`, l.includeCount);
  if (l.includeCount === 'only') return countOnlyResponse(await l.count(), base);
  const page = await l.list(l.pagination);
  const count = l.includeCount === 'true' ? await l.count() : null;
  return pageResponse(l.kind, page, l.pagination, count, base, l.view);
}

/** An instant as MAS serialises chrono `DateTime<Utc>` (RFC 3339, UTC). */
export function isoOrNull(date: Date | null): string | null {
  return date === null ? null : date.toISOString();
}
