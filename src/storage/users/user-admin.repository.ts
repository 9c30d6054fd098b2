import { Injectable } from '@nestjs/common';
import { DataSource, type SelectQueryBuilder } from 'typeorm';
import { CompatSessionEntity } from '../compat/compat-session.entity';
import { OAuth2SessionEntity } from '../oauth2/oauth2-session.entity';
import { fetchPage, type Page, type Pagination } from '../pagination';
import { ulidToUuid } from '../ulid-column';
import { UserEntity } from './user.entity';

/** The filters of the admin API's user list (MAS `UserFilter`); absent fields do not filter. */
export interface UserListFilter {
  admin?: boolean;
  legacyGuest?: boolean;
  /** Case-insensitive substring of the username. */
  search?: string;
  status?: 'active' | 'locked' | 'deactivated';
  /** Users with an active OAuth 2.0 session of any of these clients. */
  activeOAuth2Clients?: string[];
  hasActiveOAuth2Session?: boolean;
  hasActiveCompatSession?: boolean;
}

function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** The admin API's reads of `users`, with MAS's filters and keyset pagination. */
@Injectable()
export class UserAdminRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** A page of users matching `filter` in id order; an empty page when none match. */
  list(filter: UserListFilter, page: Pagination): Promise<Page<UserEntity>> {
    return fetchPage(this.filtered(filter), 'u.id', page);
  }

  /** How many users match `filter`. */
  count(filter: UserListFilter): Promise<number> {
    return this.filtered(filter).getCount();
  }

  private filtered(f: UserListFilter): SelectQueryBuilder<UserEntity> {
    const qb = this.dataSource.manager.createQueryBuilder(UserEntity, 'u');
    if (f.admin !== undefined) qb.andWhere('u.canRequestAdmin = :admin', { admin: f.admin });
    if (f.legacyGuest !== undefined) qb.andWhere('u.isGuest = :guest', { guest: f.legacyGuest });
    if (f.search !== undefined) {
      qb.andWhere("u.username ILIKE :search ESCAPE '\\'", {
        search: `%${escapeLike(f.search)}%`,
      });
    }
    switch (f.status) {
      case 'active':
        qb.andWhere('u.lockedAt IS NULL AND u.deactivatedAt IS NULL');
        break;
      case 'locked':
        qb.andWhere('u.lockedAt IS NOT NULL AND u.deactivatedAt IS NULL');
        break;
      case 'deactivated':
        qb.andWhere('u.deactivatedAt IS NOT NULL');
        break;
      case undefined:
        break;
    }
    if (f.activeOAuth2Clients !== undefined && f.activeOAuth2Clients.length > 0) {
      const clients = f.activeOAuth2Clients.map(ulidToUuid);
      const sub = qb
        .subQuery()
        .select('1')
        .from(OAuth2SessionEntity, 'os')
        .where('os.userId = u.id AND os.finishedAt IS NULL')
        .andWhere('os.oauth2ClientId IN (:...clients)')
        .getQuery();
      qb.andWhere(`EXISTS ${sub}`, { clients });
    }
    if (f.hasActiveOAuth2Session !== undefined) {
      const sub = qb
        .subQuery()
        .select('1')
        .from(OAuth2SessionEntity, 'os2')
        .where('os2.userId = u.id AND os2.finishedAt IS NULL')
        .getQuery();
      qb.andWhere(`${f.hasActiveOAuth2Session ? '' : 'NOT '}EXISTS ${sub}`);
    }
    if (f.hasActiveCompatSession !== undefined) {
      const sub = qb
        .subQuery()
        .select('1')
        .from(CompatSessionEntity, 'cs')
        .where('cs.userId = u.id AND cs.finishedAt IS NULL')
        .getQuery();
      qb.andWhere(`${f.hasActiveCompatSession ? '' : 'NOT '}EXISTS ${sub}`);
    }
    return qb;
  }
}
