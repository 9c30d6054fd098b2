import { Injectable } from '@nestjs/common';
import { managerOf, type Tx } from '../../database/transaction';
import { ulidToUuid } from '../ulid-column';
import { DataSource, QueryFailedError, type EntityManager } from 'typeorm';
import { UserRegistrationTokenEntity } from './user-registration-token.entity';

/** What `UserRegistrationTokenRepository.add` stores. */
export interface NewUserRegistrationToken {
  id: string;
  tokenSha256: Buffer;
  encryptedToken: string;
  usageLimit: number | null;
  createdAt: Date;
  expiresAt: Date | null;
}

/** PostgreSQL `unique_violation` (23505) on `user_registration_tokens_token_sha256_key`. */
function isTokenConflict(error: unknown): boolean {
  if (!(error instanceof QueryFailedError)) return false;
  const driverError = error.driverError as { code?: string; constraint?: string } | undefined;
  return (
    driverError?.code === '23505' &&
    (driverError.constraint === 'user_registration_tokens_token_sha256_key' ||
      error.message.includes('user_registration_tokens_token_sha256_key'))
  );
}

/** Reads and writes the registration tokens admins issue (`user_registration_tokens`). */
@Injectable()
export class UserRegistrationTokenRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Inserts a token, unused and unrevoked. Returns null, inserting nothing, when a token with
   * the same value (its SHA-256) already exists.
   */
  async add(
    row: NewUserRegistrationToken,
    tx: EntityManager = this.dataSource.manager,
  ): Promise<UserRegistrationTokenEntity | null> {
    const entity = tx.create(UserRegistrationTokenEntity, {
      ...row,
      timesUsed: 0,
      lastUsedAt: null,
      revokedAt: null,
    });
    try {
      await tx.insert(UserRegistrationTokenEntity, entity);
    } catch (error) {
      if (isTokenConflict(error)) return null;
      throw error;
    }
    return entity;
  }

  /** The token whose value hashes to `tokenSha256`, or null when there is none. */
  findBySha256(
    tokenSha256: Buffer,
    tx: EntityManager = this.dataSource.manager,
  ): Promise<UserRegistrationTokenEntity | null> {
    return tx.findOneBy(UserRegistrationTokenEntity, { tokenSha256 });
  }

  /**
   * Counts one use of the token at `now`, only while it is usable: not revoked, not expired,
   * under its usage limit. False, changing nothing, otherwise; the conditional UPDATE lets
   * racing registrations use up the last use exactly once.
   */
  async consume(id: string, now: Date, tx?: Tx): Promise<boolean> {
    const result = await managerOf(tx, this.dataSource)
      .createQueryBuilder()
      .update(UserRegistrationTokenEntity)
      .set({ timesUsed: () => 'times_used + 1', lastUsedAt: now })
      .where('user_registration_token_id = :id', { id: ulidToUuid(id) })
      .andWhere('revoked_at IS NULL')
      .andWhere('(expires_at IS NULL OR expires_at > :now)', { now })
      .andWhere('(usage_limit IS NULL OR times_used < usage_limit)')
      .execute();
    return (result.affected ?? 0) > 0;
  }
}
