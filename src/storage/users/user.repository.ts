import { Injectable } from '@nestjs/common';
import { DataSource, QueryFailedError, type EntityManager } from 'typeorm';
import { managerOf, type Tx } from '../../database/transaction';
import { ulidToUuid } from '../ulid-column';
import { UserEmailEntity } from './user-email.entity';
import { UserEntity } from './user.entity';

/** What `UserRepository.add` needs to create a user. */
export interface NewUser {
  id: string;
  username: string;
  createdAt: Date;
  canRequestAdmin?: boolean;
}

/** PostgreSQL `unique_violation` (23505) on `users_username_unique`. */
function isUsernameConflict(error: unknown): boolean {
  if (!(error instanceof QueryFailedError)) return false;
  const driverError = error.driverError as { code?: string; constraint?: string } | undefined;
  return (
    driverError?.code === '23505' &&
    (driverError.constraint === 'users_username_unique' ||
      error.message.includes('users_username_unique'))
  );
}

/** Reads and writes local accounts (`users`). */
@Injectable()
export class UserRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Runs `work` in one transaction; pass the manager to the other methods. */
  transaction<T>(work: (tx: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  /**
   * Inserts a user. Returns null, inserting nothing, when the username is already taken
   * (`users_username_unique`); the caller's transaction must then be abandoned.
   */
  async add(user: NewUser, tx?: EntityManager | Tx): Promise<UserEntity | null> {
    const m = managerOf(tx as Tx | undefined, this.dataSource);
    const row = m.create(UserEntity, {
      id: user.id,
      username: user.username,
      createdAt: user.createdAt,
      lockedAt: null,
      deactivatedAt: null,
      canRequestAdmin: user.canRequestAdmin ?? false,
      isGuest: false,
    });
    try {
      await m.insert(UserEntity, row);
    } catch (error) {
      if (isUsernameConflict(error)) return null;
      throw error;
    }
    return row;
  }

  /** The user with this id, or null when there is none. */
  findById(id: string, tx: EntityManager = this.dataSource.manager): Promise<UserEntity | null> {
    return tx.findOneBy(UserEntity, { id });
  }

  /**
   * The user with this username, compared case-insensitively through the `lower(username)`
   * index as MAS `find_by_username` does. Usernames registered here are lowercase; when several
   * users imported from Synapse differ only by case, the exact match wins. Null when nothing
   * matches, or when several case variants match and none exactly.
   */
  async findByUsername(
    username: string,
    tx: EntityManager = this.dataSource.manager,
  ): Promise<UserEntity | null> {
    const rows = await tx
      .createQueryBuilder(UserEntity, 'u')
      .where('lower(u.username) = lower(:username)', { username })
      .getMany();
    if (rows.length <= 1) return rows[0] ?? null;
    return rows.find((r) => r.username === username) ?? null;
  }

  /** Whether any user has this username in any letter case (false when none does). */
  async isUsernameTaken(
    username: string,
    tx: EntityManager = this.dataSource.manager,
  ): Promise<boolean> {
    const count = await tx
      .createQueryBuilder(UserEntity, 'u')
      .where('lower(u.username) = lower(:username)', { username })
      .getCount();
    return count > 0;
  }

  /**
   * Every user owning `email` (compared case-insensitively through `lower(email)`; addresses
   * are not unique in MAS). An empty list when nobody owns it.
   */
  findByEmail(email: string, tx: EntityManager = this.dataSource.manager): Promise<UserEntity[]> {
    return tx
      .createQueryBuilder(UserEntity, 'u')
      .where((qb) => {
        const owners = qb
          .subQuery()
          .select('e.user_id')
          .from(UserEmailEntity, 'e')
          .where('lower(e.email) = lower(:email)')
          .getQuery();
        return `u.user_id IN ${owners}`;
      })
      .setParameter('email', email)
      .orderBy('u.user_id', 'ASC')
      .getMany();
  }

  /** Sets `can_request_admin`; false when no user has this id. */
  async setCanRequestAdmin(
    id: string,
    canRequestAdmin: boolean,
    tx: EntityManager = this.dataSource.manager,
  ): Promise<boolean> {
    const result = await tx.update(UserEntity, { id }, { canRequestAdmin });
    return (result.affected ?? 0) > 0;
  }

  /** Sets `locked_at` unless already locked; false when no user has this id. */
  async lock(id: string, at: Date, tx?: EntityManager | Tx): Promise<boolean> {
    const m = managerOf(tx as Tx | undefined, this.dataSource);
    const user = await m.findOneBy(UserEntity, { id });
    if (!user) return false;
    if (user.lockedAt === null) await m.update(UserEntity, { id }, { lockedAt: at });
    return true;
  }

  /** Clears `locked_at`; false when no user has this id. */
  async unlock(id: string, tx?: EntityManager | Tx): Promise<boolean> {
    const m = managerOf(tx as Tx | undefined, this.dataSource);
    const result = await m.update(UserEntity, { id }, { lockedAt: null });
    return (result.affected ?? 0) > 0;
  }

  /** Sets `deactivated_at` unless already set; false when no user has this id. */
  async deactivate(
    id: string,
    at: Date,
    tx: EntityManager = this.dataSource.manager,
  ): Promise<boolean> {
    const user = await tx.findOneBy(UserEntity, { id });
    if (!user) return false;
    if (user.deactivatedAt === null) await tx.update(UserEntity, { id }, { deactivatedAt: at });
    return true;
  }

  /**
   * Up to `limit` users in id (creation) order after `afterId` (from the first when null),
   * only those with `can_request_admin` when `adminsOnly`: keyset pagination for the commands
   * that walk every user. An empty list past the last one.
   */
  listPage(
    page: { afterId: string | null; limit: number; adminsOnly?: boolean },
    tx: EntityManager = this.dataSource.manager,
  ): Promise<UserEntity[]> {
    const qb = tx.createQueryBuilder(UserEntity, 'u').orderBy('u.id', 'ASC').limit(page.limit);
    if (page.afterId !== null)
      qb.andWhere('u.id > :afterId', { afterId: ulidToUuid(page.afterId) });
    if (page.adminsOnly === true) qb.andWhere('u.canRequestAdmin = true');
    return qb.getMany();
  }

  /** How many users there are (only those with `can_request_admin` when `adminsOnly`). */
  count(
    filter: { adminsOnly?: boolean } = {},
    tx: EntityManager = this.dataSource.manager,
  ): Promise<number> {
    const qb = tx.createQueryBuilder(UserEntity, 'u');
    if (filter.adminsOnly === true) qb.where('u.canRequestAdmin = true');
    return qb.getCount();
  }
}
