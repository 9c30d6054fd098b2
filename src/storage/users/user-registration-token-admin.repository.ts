import { Injectable } from '@nestjs/common';
import { DataSource, IsNull, Not, type SelectQueryBuilder } from 'typeorm';
import { fetchPage, type Page, type Pagination } from '../pagination';
import { UserRegistrationTokenEntity } from './user-registration-token.entity';

/** The filters of the admin API's registration token list (MAS `UserRegistrationTokenFilter`). */
export interface RegistrationTokenListFilter {
  /** The instant `expired` and `valid` are judged at. */
  now: Date;
  used?: boolean;
  revoked?: boolean;
  expired?: boolean;
  /** Neither revoked, expired nor used up. */
  valid?: boolean;
}

const EXPIRED = 't.expiresAt IS NOT NULL AND t.expiresAt <= :now';
const VALID =
  't.revokedAt IS NULL AND (t.expiresAt IS NULL OR t.expiresAt > :now) AND ' +
  '(t.usageLimit IS NULL OR t.timesUsed < t.usageLimit)';

/** The admin API's reads and edits of `user_registration_tokens`. */
@Injectable()
export class UserRegistrationTokenAdminRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** A page of tokens matching `filter` in id order; an empty page when none match. */
  list(
    filter: RegistrationTokenListFilter,
    page: Pagination,
  ): Promise<Page<UserRegistrationTokenEntity>> {
    return fetchPage(this.filtered(filter), 't.id', page);
  }

  /** How many tokens match `filter`. */
  count(filter: RegistrationTokenListFilter): Promise<number> {
    return this.filtered(filter).getCount();
  }

  /** The token with this id, or null when there is none. */
  findById(id: string): Promise<UserRegistrationTokenEntity | null> {
    return this.dataSource.manager.findOneBy(UserRegistrationTokenEntity, { id });
  }

  /** Sets `revoked_at` if unset; false when the token is unknown or already revoked. */
  async revoke(id: string, at: Date): Promise<boolean> {
    const result = await this.dataSource.manager.update(
      UserRegistrationTokenEntity,
      { id, revokedAt: IsNull() },
      { revokedAt: at },
    );
    return (result.affected ?? 0) > 0;
  }

  /** Clears `revoked_at`; false when the token is unknown or not revoked. */
  async unrevoke(id: string): Promise<boolean> {
    const result = await this.dataSource.manager.update(
      UserRegistrationTokenEntity,
      { id, revokedAt: Not(IsNull()) },
      { revokedAt: null },
    );
    return (result.affected ?? 0) > 0;
  }

  /**
   * Sets the fields given (null clears `expires_at` or `usage_limit`; undefined keeps it);
   * false when no token has this id.
   */
  async edit(
    id: string,
    changes: { expiresAt?: Date | null; usageLimit?: number | null },
  ): Promise<boolean> {
    const set: Partial<UserRegistrationTokenEntity> = {};
    if (changes.expiresAt !== undefined) set.expiresAt = changes.expiresAt;
    if (changes.usageLimit !== undefined) set.usageLimit = changes.usageLimit;
    if (Object.keys(set).length === 0) return (await this.findById(id)) !== null;
    const result = await this.dataSource.manager.update(UserRegistrationTokenEntity, { id }, set);
    return (result.affected ?? 0) > 0;
  }

  private filtered(
    f: RegistrationTokenListFilter,
  ): SelectQueryBuilder<UserRegistrationTokenEntity> {
    const qb = this.dataSource.manager
      .createQueryBuilder(UserRegistrationTokenEntity, 't')
      .setParameter('now', f.now);
    if (f.used !== undefined) qb.andWhere(f.used ? 't.timesUsed > 0' : 't.timesUsed = 0');
    if (f.revoked !== undefined) {
      qb.andWhere(f.revoked ? 't.revokedAt IS NOT NULL' : 't.revokedAt IS NULL');
    }
    if (f.expired !== undefined) qb.andWhere(f.expired ? `(${EXPIRED})` : `NOT (${EXPIRED})`);
    if (f.valid !== undefined) qb.andWhere(f.valid ? `(${VALID})` : `NOT (${VALID})`);
    return qb;
  }
}
