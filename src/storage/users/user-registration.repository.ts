import { Injectable } from '@nestjs/common';
import { DataSource, IsNull } from 'typeorm';
import { managerOf, type Tx } from '../../database/transaction';
import { UserRegistrationEntity } from './user-registration.entity';
import { UserTermsEntity } from './user-terms.entity';

/** What `UserRegistrationRepository.add` stores for a password registration. */
export interface NewUserRegistration {
  id: string;
  ipAddress: string | null;
  userAgent: string | null;
  postAuthAction: unknown;
  username: string;
  termsUrl: string | null;
  hashedPassword: string;
  hashedPasswordVersion: number;
  createdAt: Date;
}

/** The fields a registration step may set. */
export type UserRegistrationChange = Partial<
  Pick<UserRegistrationEntity, 'displayName' | 'emailAuthenticationId' | 'userRegistrationTokenId'>
>;

/** Reads and writes registrations in progress (`user_registrations`) and `user_terms`. */
@Injectable()
export class UserRegistrationRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Inserts an uncompleted registration. */
  async add(row: NewUserRegistration, tx?: Tx): Promise<UserRegistrationEntity> {
    const m = managerOf(tx, this.dataSource);
    const entity = m.create(UserRegistrationEntity, {
      ...row,
      displayName: null,
      emailAuthenticationId: null,
      completedAt: null,
      userRegistrationTokenId: null,
      upstreamOAuthAuthorizationSessionId: null,
    });
    // `post_auth_action` is jsonb of an unknown shape, which the insert typing cannot express.
    await m.insert(UserRegistrationEntity, entity as never);
    return entity;
  }

  /** The registration with this id, or null when there is none. */
  findById(id: string, tx?: Tx): Promise<UserRegistrationEntity | null> {
    return managerOf(tx, this.dataSource).findOneBy(UserRegistrationEntity, { id });
  }

  /** Sets fields of an uncompleted registration; false, changing nothing, otherwise. */
  async update(id: string, change: UserRegistrationChange, tx?: Tx): Promise<boolean> {
    const result = await managerOf(tx, this.dataSource).update(
      UserRegistrationEntity,
      { id, completedAt: IsNull() },
      change,
    );
    return (result.affected ?? 0) > 0;
  }

  /**
   * Marks the registration completed at `now`. False, changing nothing, when it is unknown or
   * already completed, so that of two racing finishes exactly one wins.
   */
  async complete(id: string, now: Date, tx?: Tx): Promise<boolean> {
    const result = await managerOf(tx, this.dataSource).update(
      UserRegistrationEntity,
      { id, completedAt: IsNull() },
      { completedAt: now },
    );
    return (result.affected ?? 0) > 0;
  }

  /** Records that the user accepted the terms at `termsUrl` (kept once per URL). */
  async addTerms(
    row: { id: string; userId: string; termsUrl: string; createdAt: Date },
    tx?: Tx,
  ): Promise<void> {
    await managerOf(tx, this.dataSource)
      .createQueryBuilder()
      .insert()
      .into(UserTermsEntity)
      .values(row)
      .orIgnore()
      .execute();
  }
}
