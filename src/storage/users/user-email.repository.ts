import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { managerOf, type Tx } from '../../database/transaction';
import { ulidToUuid } from '../ulid-column';
import { UserEmailEntity } from './user-email.entity';

/** What `UserEmailRepository.add` stores. */
export interface NewUserEmail {
  id: string;
  userId: string;
  email: string;
  createdAt: Date;
}

/** Reads and writes the verified email addresses of users (`user_emails`). */
@Injectable()
export class UserEmailRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Inserts an address (only verified addresses are ever stored). Throws if the user does not exist. */
  async add(row: NewUserEmail, tx?: EntityManager | Tx): Promise<UserEmailEntity> {
    const m = managerOf(tx as Tx | undefined, this.dataSource);
    const entity = m.create(UserEmailEntity, row);
    await m.insert(UserEmailEntity, entity);
    return entity;
  }

  /**
   * Every user's address equal to `email` ignoring letter case (addresses are not unique), by
   * id; an empty list when nobody has it.
   */
  listByAddress(
    email: string,
    tx: EntityManager = this.dataSource.manager,
  ): Promise<UserEmailEntity[]> {
    return tx
      .createQueryBuilder(UserEmailEntity, 'e')
      .where('lower(e.email) = lower(:email)', { email })
      .orderBy('e.id', 'ASC')
      .getMany();
  }

  /** The address with this id, or null when there is none. */
  findById(
    id: string,
    tx: EntityManager = this.dataSource.manager,
  ): Promise<UserEmailEntity | null> {
    return tx.findOneBy(UserEmailEntity, { id });
  }

  /** The user's addresses, oldest first; an empty list when there are none. */
  listForUser(
    userId: string,
    tx: EntityManager = this.dataSource.manager,
  ): Promise<UserEmailEntity[]> {
    return tx.find(UserEmailEntity, { where: { userId }, order: { createdAt: 'ASC', id: 'ASC' } });
  }

  /** The user's first added address (oldest, ties broken by id), or null when they have none. */
  findFirstForUser(
    userId: string,
    tx: EntityManager = this.dataSource.manager,
  ): Promise<UserEmailEntity | null> {
    return tx.findOne(UserEmailEntity, {
      where: { userId },
      order: { createdAt: 'ASC', id: 'ASC' },
    });
  }

  /** The user's address equal to `email` ignoring letter case, or null when they have none. */
  findForUser(
    userId: string,
    email: string,
    tx: EntityManager = this.dataSource.manager,
  ): Promise<UserEmailEntity | null> {
    return tx
      .createQueryBuilder(UserEmailEntity, 'e')
      .where('e.userId = :userId', { userId: ulidToUuid(userId) })
      .andWhere('lower(e.email) = lower(:email)', { email })
      .getOne();
  }

  /** Deletes the user's address with this id; false when the user has no such address. */
  async removeForUser(userId: string, id: string, tx?: Tx): Promise<boolean> {
    const result = await managerOf(tx, this.dataSource).delete(UserEmailEntity, { id, userId });
    return (result.affected ?? 0) > 0;
  }
}
