import { Injectable } from '@nestjs/common';
import { DataSource, QueryFailedError, type SelectQueryBuilder } from 'typeorm';
import { managerOf, type Tx } from '../../database/transaction';
import { fetchPage, type Page, type Pagination } from '../pagination';
import { ulidToUuid } from '../ulid-column';
import { UpstreamOAuthAuthorizationSessionEntity } from './upstream-oauth-authorization-session.entity';
import { UpstreamOAuthLinkEntity } from './upstream-oauth-link.entity';

/** The filters of the admin API's link list (MAS `UpstreamOAuthLinkFilter`). */
export interface UpstreamOAuthLinkListFilter {
  userId?: string;
  providerId?: string;
  /** Compared exactly. */
  subject?: string;
}

/** PostgreSQL `unique_violation` (23505) on `upstream_oauth_links_subject_unique`. */
function isSubjectConflict(error: unknown): boolean {
  if (!(error instanceof QueryFailedError)) return false;
  const driverError = error.driverError as { code?: string; constraint?: string } | undefined;
  return (
    driverError?.code === '23505' &&
    (driverError.constraint === 'upstream_oauth_links_subject_unique' ||
      error.message.includes('upstream_oauth_links_subject_unique'))
  );
}

/** Reads and writes `upstream_oauth_links` (MAS storage `UpstreamOAuthLinkRepository`). */
@Injectable()
export class UpstreamOAuthLinkRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** The link with this id, or null when there is none. */
  findById(id: string, tx?: Tx): Promise<UpstreamOAuthLinkEntity | null> {
    return managerOf(tx, this.dataSource).findOneBy(UpstreamOAuthLinkEntity, { id });
  }

  /** A page of links matching `filter` in id order; an empty page when none match. */
  list(
    filter: UpstreamOAuthLinkListFilter,
    page: Pagination,
  ): Promise<Page<UpstreamOAuthLinkEntity>> {
    return fetchPage(this.filtered(filter), 'l.id', page);
  }

  /** How many links match `filter`. */
  count(filter: UpstreamOAuthLinkListFilter, tx?: Tx): Promise<number> {
    return this.filtered(filter, tx).getCount();
  }

  /** Inserts a link; null when the provider already has a link for this subject. */
  async add(link: UpstreamOAuthLinkEntity, tx?: Tx): Promise<UpstreamOAuthLinkEntity | null> {
    try {
      await managerOf(tx, this.dataSource).insert(UpstreamOAuthLinkEntity, link);
      return link;
    } catch (error) {
      if (isSubjectConflict(error)) return null;
      throw error;
    }
  }

  /**
   * Deletes the link after marking the authorization sessions that used it unlinked (MAS
   * `remove`: `upstream_oauth_link_id = NULL, unlinked_at = now`). False when there was none.
   */
  async remove(id: string, now: Date, tx?: Tx): Promise<boolean> {
    const manager = managerOf(tx, this.dataSource);
    await manager.update(
      UpstreamOAuthAuthorizationSessionEntity,
      { upstreamOAuthLinkId: id },
      { upstreamOAuthLinkId: null, unlinkedAt: now },
    );
    const result = await manager.delete(UpstreamOAuthLinkEntity, { id });
    return (result.affected ?? 0) > 0;
  }

  private filtered(
    f: UpstreamOAuthLinkListFilter,
    tx?: Tx,
  ): SelectQueryBuilder<UpstreamOAuthLinkEntity> {
    const qb = managerOf(tx, this.dataSource).createQueryBuilder(UpstreamOAuthLinkEntity, 'l');
    if (f.userId !== undefined) qb.andWhere('l.userId = :userId', { userId: ulidToUuid(f.userId) });
    if (f.providerId !== undefined) {
      qb.andWhere('l.upstreamOAuthProviderId = :providerId', {
        providerId: ulidToUuid(f.providerId),
      });
    }
    if (f.subject !== undefined) qb.andWhere('l.subject = :subject', { subject: f.subject });
    return qb;
  }
}
