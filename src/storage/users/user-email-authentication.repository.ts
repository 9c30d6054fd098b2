import { Injectable } from '@nestjs/common';
import { DataSource, IsNull, MoreThan } from 'typeorm';
import { managerOf, type Tx } from '../../database/transaction';
import { UserEmailAuthenticationCodeEntity } from './user-email-authentication-code.entity';
import { UserEmailAuthenticationEntity } from './user-email-authentication.entity';

/** What `UserEmailAuthenticationRepository.add` stores. */
export interface NewUserEmailAuthentication {
  id: string;
  email: string;
  /** The browser session adding an address from /account/emails. */
  userSessionId: string | null;
  /** The registration whose address this proves. */
  userRegistrationId: string | null;
  createdAt: Date;
}

/** What `UserEmailAuthenticationRepository.addCode` stores (the code's SHA-256 only). */
export interface NewUserEmailAuthenticationCode {
  id: string;
  userEmailAuthenticationId: string;
  codeSha256: Buffer;
  createdAt: Date;
  expiresAt: Date;
}

/**
 * Reads and writes "prove you own this address" flows (`user_email_authentications`) and the
 * codes mailed for them (`user_email_authentication_codes`).
 */
@Injectable()
export class UserEmailAuthenticationRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Inserts an uncompleted authentication. */
  async add(row: NewUserEmailAuthentication, tx?: Tx): Promise<UserEmailAuthenticationEntity> {
    const m = managerOf(tx, this.dataSource);
    const entity = m.create(UserEmailAuthenticationEntity, { ...row, completedAt: null });
    await m.insert(UserEmailAuthenticationEntity, entity);
    return entity;
  }

  /** The authentication with this id, or null when there is none. */
  findById(id: string, tx?: Tx): Promise<UserEmailAuthenticationEntity | null> {
    return managerOf(tx, this.dataSource).findOneBy(UserEmailAuthenticationEntity, { id });
  }

  /** Inserts a mailed code. Throws if the authentication does not exist. */
  async addCode(row: NewUserEmailAuthenticationCode, tx?: Tx): Promise<void> {
    const m = managerOf(tx, this.dataSource);
    await m.insert(
      UserEmailAuthenticationCodeEntity,
      m.create(UserEmailAuthenticationCodeEntity, row),
    );
  }

  /** The authentication's code with this hash, or null when it has none such. */
  findCode(
    authenticationId: string,
    codeSha256: Buffer,
    tx?: Tx,
  ): Promise<UserEmailAuthenticationCodeEntity | null> {
    return managerOf(tx, this.dataSource).findOneBy(UserEmailAuthenticationCodeEntity, {
      userEmailAuthenticationId: authenticationId,
      codeSha256,
    });
  }

  /** Whether the authentication has a code that is still valid at `now` (false when none). */
  hasLiveCode(authenticationId: string, now: Date, tx?: Tx): Promise<boolean> {
    return managerOf(tx, this.dataSource).existsBy(UserEmailAuthenticationCodeEntity, {
      userEmailAuthenticationId: authenticationId,
      expiresAt: MoreThan(now),
    });
  }

  /**
   * Marks the authentication completed at `now`. False, changing nothing, when it is unknown
   * or already completed, so that of two racing uses exactly one wins.
   */
  async complete(id: string, now: Date, tx?: Tx): Promise<boolean> {
    const result = await managerOf(tx, this.dataSource).update(
      UserEmailAuthenticationEntity,
      { id, completedAt: IsNull() },
      { completedAt: now },
    );
    return (result.affected ?? 0) > 0;
  }
}
