import { Injectable } from '@nestjs/common';
import { DataSource, IsNull, MoreThan, Not, QueryFailedError } from 'typeorm';
import { managerOf, type Tx } from '../../database/transaction';
import { ulidToUuid } from '../ulid-column';
import { OAuth2DeviceCodeGrantEntity } from './oauth2-device-code-grant.entity';

export type NewDeviceCodeGrant = Pick<
  OAuth2DeviceCodeGrantEntity,
  | 'id'
  | 'oauth2ClientId'
  | 'scope'
  | 'userCodeSha256'
  | 'deviceCodeSha256'
  | 'createdAt'
  | 'expiresAt'
  | 'ipAddress'
  | 'userAgent'
  | 'pollIntervalSeconds'
>;

const USER_CODE_KEY = 'oauth2_device_code_grant_user_code_sha256_key';

/** PostgreSQL `unique_violation` (23505) on the user code's unique key. */
function isUserCodeConflict(error: unknown): boolean {
  if (!(error instanceof QueryFailedError)) return false;
  const driverError = error.driverError as { code?: string; constraint?: string } | undefined;
  return (
    driverError?.code === '23505' &&
    (driverError.constraint === USER_CODE_KEY || error.message.includes(USER_CODE_KEY))
  );
}

/**
 * Device authorization grants (`oauth2_device_code_grant`, RFC 8628); both codes are stored
 * only as SHA-256. Every transition is a conditional UPDATE, so of two racing requests exactly
 * one moves the grant.
 */
@Injectable()
export class OAuth2DeviceCodeGrantRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Inserts a pending grant. False, inserting nothing, when another grant already has this
   * user code (the caller draws a new one); any other failure throws.
   */
  async add(grant: NewDeviceCodeGrant, tx?: Tx): Promise<boolean> {
    try {
      await managerOf(tx, this.dataSource).insert(OAuth2DeviceCodeGrantEntity, grant);
      return true;
    } catch (error) {
      if (isUserCodeConflict(error)) return false;
      throw error;
    }
  }

  /** The grant with this id, or null when there is none. */
  findById(id: string, tx?: Tx): Promise<OAuth2DeviceCodeGrantEntity | null> {
    return managerOf(tx, this.dataSource).findOneBy(OAuth2DeviceCodeGrantEntity, { id });
  }

  /** The grant whose device code has this hash, or null when there is none. */
  findByDeviceCodeHash(hash: Buffer, tx?: Tx): Promise<OAuth2DeviceCodeGrantEntity | null> {
    return managerOf(tx, this.dataSource).findOneBy(OAuth2DeviceCodeGrantEntity, {
      deviceCodeSha256: hash,
    });
  }

  /** The grant whose user code has this hash, or null when there is none. */
  findByUserCodeHash(hash: Buffer, tx?: Tx): Promise<OAuth2DeviceCodeGrantEntity | null> {
    return managerOf(tx, this.dataSource).findOneBy(OAuth2DeviceCodeGrantEntity, {
      userCodeSha256: hash,
    });
  }

  /**
   * Pending → Fulfilled: the person approved with this browser session. False when the grant
   * was no longer pending or had expired at `now`.
   */
  async fulfill(
    id: string,
    userSessionId: string,
    locale: string | null,
    now: Date,
    tx?: Tx,
  ): Promise<boolean> {
    const r = await managerOf(tx, this.dataSource).update(
      OAuth2DeviceCodeGrantEntity,
      { ...this.pending(id), expiresAt: MoreThan(now) },
      { fulfilledAt: now, userSessionId, locale },
    );
    return (r.affected ?? 0) > 0;
  }

  /** Pending → Rejected (the person declined). False when it was no longer pending. */
  async reject(id: string, userSessionId: string, now: Date, tx?: Tx): Promise<boolean> {
    const r = await managerOf(tx, this.dataSource).update(
      OAuth2DeviceCodeGrantEntity,
      this.pending(id),
      { rejectedAt: now, userSessionId },
    );
    return (r.affected ?? 0) > 0;
  }

  /**
   * Records a poll of a pending grant at `now`, only if the previous poll is still the one the
   * caller read (`previous`, null for none). False when another poll got in first or the
   * grant is no longer pending: RFC 8628 §3.5, two concurrent polls cannot both pass.
   */
  async recordPoll(id: string, previous: Date | null, now: Date, tx?: Tx): Promise<boolean> {
    const r = await managerOf(tx, this.dataSource).update(
      OAuth2DeviceCodeGrantEntity,
      { ...this.pending(id), lastPolledAt: previous === null ? IsNull() : previous },
      { lastPolledAt: now },
    );
    return (r.affected ?? 0) > 0;
  }

  /**
   * RFC 8628 §3.5 `slow_down`: raises the grant's interval by `stepSeconds` and records the
   * poll. Returns the new interval, or null when the grant is no longer pending.
   */
  async slowDown(id: string, stepSeconds: number, now: Date, tx?: Tx): Promise<number | null> {
    const rows: { interval: number }[] = await managerOf(tx, this.dataSource).query(
      `WITH changed AS (
         UPDATE oauth2_device_code_grant
            SET poll_interval_seconds = poll_interval_seconds + $2, last_polled_at = $3
          WHERE oauth2_device_code_grant_id = $1
            AND fulfilled_at IS NULL AND rejected_at IS NULL AND exchanged_at IS NULL
          RETURNING poll_interval_seconds)
       SELECT poll_interval_seconds AS interval FROM changed`,
      [ulidToUuid(id), stepSeconds, now],
    );
    return rows[0]?.interval ?? null;
  }

  /**
   * Fulfilled → Exchanged, recording the OAuth session it created. False when it was
   * exchanged meanwhile (of two racing exchanges exactly one wins) or had expired at `now`.
   */
  async exchange(id: string, sessionId: string, now: Date, tx?: Tx): Promise<boolean> {
    const r = await managerOf(tx, this.dataSource).update(
      OAuth2DeviceCodeGrantEntity,
      {
        id,
        fulfilledAt: Not(IsNull()),
        exchangedAt: IsNull(),
        rejectedAt: IsNull(),
        expiresAt: MoreThan(now),
      },
      { exchangedAt: now, oauth2SessionId: sessionId },
    );
    return (r.affected ?? 0) > 0;
  }

  private pending(id: string) {
    return {
      id,
      fulfilledAt: IsNull(),
      rejectedAt: IsNull(),
      exchangedAt: IsNull(),
    };
  }
}
