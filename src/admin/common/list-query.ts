import type { Request } from 'express';
import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { isStorableUlid } from '../../core';
import type { Pagination } from '../../storage/pagination';
import { invalidFilter, invalidPagination, badRequest } from './admin-error';
import { parseDateTime } from './body-fields';

/** MAS `DEFAULT_PAGE_SIZE`. */
export const DEFAULT_PAGE_SIZE = 10;
/** The largest page served; MAS has no bound, a production service needs one. */
export const MAX_PAGE_SIZE = 1000;

/** MAS `IncludeCount`: whether a list answers its items, its total, or both. */
export type IncludeCount = 'true' | 'false' | 'only';

/** The query string of a request, parsed without any nesting (`page[first]` is one key). */
export const AdminQuery = createParamDecorator(
  (_data: unknown, ctx: ExecutionContext): URLSearchParams => {
    const req = ctx.switchToHttp().getRequest<Request>();
    const url = req.originalUrl ?? req.url;
    const q = url.indexOf('?');
    return new URLSearchParams(q === -1 ? '' : url.slice(q + 1));
  },
);

function pageSize(query: URLSearchParams, key: string): number | null {
  const raw = query.get(key);
  if (raw === null) return null;
  if (!/^\d+$/.test(raw)) throw invalidPagination(`${key}: expected a positive integer`);
  const n = Number(raw);
  if (n < 1 || n > MAX_PAGE_SIZE) {
    throw invalidPagination(`${key}: must be between 1 and ${MAX_PAGE_SIZE}`);
  }
  return n;
}

function cursor(query: URLSearchParams, key: string): string | null {
  const raw = query.get(key);
  if (raw === null) return null;
  if (!isStorableUlid(raw)) throw invalidPagination(`${key}: expected a ULID`);
  return raw.toUpperCase();
}

/** Parses `page[first|last|before|after]` and `count` (MAS admin/params.rs `Pagination`). */
export function parsePagination(query: URLSearchParams): {
  pagination: Pagination;
  includeCount: IncludeCount;
} {
  const first = pageSize(query, 'page[first]');
  const last = pageSize(query, 'page[last]');
  if (first !== null && last !== null) {
    throw badRequest('Cannot specify both `page[first]` and `page[last]` parameters');
  }
  const count = query.get('count');
  if (count !== null && count !== 'true' && count !== 'false' && count !== 'only') {
    throw invalidPagination('count: expected one of `true`, `false`, `only`');
  }
  return {
    pagination: {
      before: cursor(query, 'page[before]'),
      after: cursor(query, 'page[after]'),
      direction: last !== null ? 'backward' : 'forward',
      count: last ?? first ?? DEFAULT_PAGE_SIZE,
    },
    includeCount: count ?? 'true',
  };
}

/**
 * Reads `filter[…]` parameters and rebuilds the canonical filter query string (MAS
 * `FilterParams: Display`) in the order they are read.
 */
export class FilterReader {
  private readonly parts: string[] = [];

  constructor(private readonly query: URLSearchParams) {}

  /** `?filter[a]=…&filter[b]=…`, or '' without filters. */
  get canonical(): string {
    return this.parts.length === 0 ? '' : `?${this.parts.join('&')}`;
  }

  private raw(name: string): string | undefined {
    return this.query.get(`filter[${name}]`) ?? undefined;
  }

  private note(name: string, value: string): void {
    this.parts.push(`filter[${name}]=${encodeURIComponent(value)}`);
  }

  bool(name: string): boolean | undefined {
    const raw = this.raw(name);
    if (raw === undefined) return undefined;
    if (raw !== 'true' && raw !== 'false') {
      throw invalidFilter(`filter[${name}]: expected \`true\` or \`false\``);
    }
    this.note(name, raw);
    return raw === 'true';
  }

  string(name: string): string | undefined {
    const raw = this.raw(name);
    if (raw !== undefined) this.note(name, raw);
    return raw;
  }

  oneOf<T extends string>(name: string, values: readonly T[]): T | undefined {
    const raw = this.raw(name);
    if (raw === undefined) return undefined;
    if (!(values as readonly string[]).includes(raw)) {
      throw invalidFilter(
        `filter[${name}]: expected one of ${values.map((v) => `\`${v}\``).join(', ')}`,
      );
    }
    this.note(name, raw);
    return raw as T;
  }

  ulid(name: string): string | undefined {
    const raw = this.raw(name);
    if (raw === undefined) return undefined;
    if (!isStorableUlid(raw)) throw invalidFilter(`filter[${name}]: expected a ULID`);
    const id = raw.toUpperCase();
    this.note(name, id);
    return id;
  }

  /** A repeatable ULID filter (`filter[client]=…&filter[client]=…`). */
  ulids(name: string): string[] {
    return this.query.getAll(`filter[${name}]`).map((raw) => {
      if (!isStorableUlid(raw)) throw invalidFilter(`filter[${name}]: expected a ULID`);
      const id = raw.toUpperCase();
      this.note(name, id);
      return id;
    });
  }

  /** A repeatable string filter. */
  strings(name: string): string[] {
    return this.query.getAll(`filter[${name}]`).map((raw) => {
      this.note(name, raw);
      return raw;
    });
  }

  dateTime(name: string): Date | undefined {
    const raw = this.raw(name);
    if (raw === undefined) return undefined;
    const date = parseDateTime(raw);
    if (date === null) throw invalidFilter(`filter[${name}]: expected an RFC 3339 date-time`);
    this.note(name, date.toISOString().replace(/\.\d{3}Z$/, 'Z'));
    return date;
  }
}
