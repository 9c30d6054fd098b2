import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { managerOf, type Tx } from '../../database/transaction';
import { UserPasswordEntity } from './user-password.entity';

/** What `UserPasswordRepository.add` stores. */
export interface NewUserPassword {
  id: string;
  userId: string;
  hashedPassword: string;
  /** `passwords.schemes[].version` that produced the hash. */
  version: number;
  /** The row this one re-hashes (upgrade on login), else null. */
  upgradedFromId?: string | null;
  createdAt: Date;
}

/**
 * Reads and writes password hashes (`user_passwords`). Rows are never updated or deleted: a
 * new password or an upgraded hash is a new row, and the newest row is the active one (MAS).
 */
@Injectable()
export class UserPasswordRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Inserts a hash; it becomes the user's active password. Throws if the user does not exist. */
  async add(
    row: NewUserPassword,
    tx: EntityManager = this.dataSource.manager,
  ): Promise<UserPasswordEntity> {
    const entity = tx.create(UserPasswordEntity, {
      ...row,
      upgradedFromId: row.upgradedFromId ?? null,
    });
    await tx.insert(UserPasswordEntity, entity);
    return entity;
  }

  /** {@link add} inside a service's transaction (database/transaction.ts). */
  addIn(row: NewUserPassword, tx: Tx): Promise<UserPasswordEntity> {
    return this.add(row, managerOf(tx, this.dataSource));
  }

  /**
   * The user's active password: the newest row by `created_at`, then by id (ULIDs grow with
   * time). Null when the user has no password (or does not exist).
   */
  findActiveForUser(
    userId: string,
    tx: EntityManager = this.dataSource.manager,
  ): Promise<UserPasswordEntity | null> {
    return tx.findOne(UserPasswordEntity, {
      where: { userId },
      order: { createdAt: 'DESC', id: 'DESC' },
    });
  }
}
