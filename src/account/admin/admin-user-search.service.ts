import { Injectable } from '@nestjs/common';
import { MatrixConfig } from '../../config';
import type { Pagination } from '../../storage/pagination';
import {
  UserAdminRepository,
  type UserListFilter,
} from '../../storage/users/user-admin.repository';
import { toUserView } from '../../users/user-view';
import { page, type WebResult } from '../../web-session';
import { USER_STATES, type UserSearchQuery } from './admin-forms';
import { userRow } from './admin-views';

/** How many users a page of results shows. */
export const USER_SEARCH_PAGE_SIZE = 20;

/**
 * `GET /account/admin`: users whose username contains `q` (case-insensitive), in one state or
 * all, a page at a time in id (creation) order with keyset cursors (the admin API's
 * `filter[search]`, `filter[status]`, `filter[admin]` and `page[after|before]`).
 */
@Injectable()
export class AdminUserSearch {
  constructor(
    private readonly listing: UserAdminRepository,
    private readonly matrix: MatrixConfig,
  ) {}

  async search(query: UserSearchQuery): Promise<WebResult> {
    const form = { q: query.q, state: query.state === 'invalid' ? '' : (query.state ?? '') };
    if (query.state === 'invalid') {
      return page(
        'admin-users.njk',
        { form, states: USER_STATES, error: 'invalid_state', results: null },
        400,
      );
    }
    const filter: UserListFilter = {
      ...(query.q !== '' ? { search: query.q } : {}),
      ...(query.state === 'admin' ? { admin: true } : {}),
      ...(query.state !== null && query.state !== 'admin' ? { status: query.state } : {}),
    };
    const pagination: Pagination = {
      after: query.before === null ? query.after : null,
      before: query.before,
      direction: query.before === null ? 'forward' : 'backward',
      count: USER_SEARCH_PAGE_SIZE,
    };
    const [found, total] = await Promise.all([
      this.listing.list(filter, pagination),
      this.listing.count(filter),
    ]);
    const users = found.edges.map((u) => userRow(toUserView(u), this.matrix.homeserver));
    const cursorBase = { q: query.q, state: form.state };
    const hasNext = found.hasNextPage || (query.before !== null && users.length > 0);
    const hasPrevious = found.hasPreviousPage || (query.after !== null && users.length > 0);
    return page('admin-users.njk', {
      form,
      states: USER_STATES,
      error: null,
      results: {
        users,
        total,
        next: hasNext ? searchPath({ ...cursorBase, after: users[users.length - 1].id }) : null,
        previous: hasPrevious ? searchPath({ ...cursorBase, before: users[0].id }) : null,
      },
    });
  }
}

/** `/account/admin?…` with the non-empty values. */
function searchPath(values: Record<string, string>): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(values)) if (v !== '') params.set(k, v);
  return `/account/admin?${params.toString()}`;
}
