import { Injectable } from '@nestjs/common';
import { DataSource, IsNull, Not } from 'typeorm';
import { managerOf, type Tx } from '../../database/transaction';
import { type SessionActivity, updateSessionActivity } from '../session-activity';
import { ulidToUuid, uuidToUlid } from '../ulid-column';
import { CompatSessionEntity } from './compat-session.entity';

export interface NewCompatSession {
  id: string;
  userId: string;
  deviceId: string;
  createdAt: Date;
  isSynapseAdmin: boolean;
  /** The browser session of an SSO login (`m.login.token`); null for password logins. */
  userSessionId: string | null;
  userAgent: string | null;
  humanName: string | null;
  lastActiveIp: string | null;
}

/** Legacy Matrix login sessions (`compat_sessions`). */
@Injectable()
export class CompatSessionRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Records the latest activity of many sessions in one multi-row UPDATE (never moving
   * `last_active_at` backwards); ids of unknown sessions are skipped. Returns how many changed.
   */
  recordActivity(entries: readonly SessionActivity[], tx?: Tx): Promise<number> {
    return updateSessionActivity(
      managerOf(tx, this.dataSource),
      { table: 'compat_sessions', id: 'compat_session_id' },
      entries,
    );
  }

  async add(session: NewCompatSession, tx?: Tx): Promise<void> {
    await managerOf(tx, this.dataSource).insert(CompatSessionEntity, {
      id: session.id,
      userId: session.userId,
      deviceId: session.deviceId,
      createdAt: session.createdAt,
      isSynapseAdmin: session.isSynapseAdmin,
      userSessionId: session.userSessionId,
      userAgent: session.userAgent,
      humanName: session.humanName,
      lastActiveAt: session.lastActiveIp === null ? null : session.createdAt,
      lastActiveIp: session.lastActiveIp,
    });
  }

  /** The session with this id, or null when there is none. */
  findById(id: string, tx?: Tx): Promise<CompatSessionEntity | null> {
    return managerOf(tx, this.dataSource).findOneBy(CompatSessionEntity, { id });
  }

  /** The ids of the user's unfinished sessions on this device; empty when there are none. */
  async listActiveIdsOfUserDevice(userId: string, deviceId: string, tx?: Tx): Promise<string[]> {
    const rows = await managerOf(tx, this.dataSource).find(CompatSessionEntity, {
      select: { id: true },
      where: { userId, deviceId, finishedAt: IsNull() },
    });
    return rows.map((row) => row.id);
  }

  /** The ids of the user's unfinished sessions; empty when they have none. */
  async listActiveIdsOfUser(userId: string, tx?: Tx): Promise<string[]> {
    const rows = await managerOf(tx, this.dataSource).find(CompatSessionEntity, {
      select: { id: true },
      where: { userId, finishedAt: IsNull() },
      order: { id: 'ASC' },
    });
    return rows.map((row) => row.id);
  }

  /**
   * Up to `limit` ids of the user's unfinished sessions, least recently active first (never
   * used ones by creation time), for `dangerous_hard_limit_eviction`; empty when none.
   */
  async listLeastRecentlyActiveIdsOfUser(
    userId: string,
    limit: number,
    tx?: Tx,
  ): Promise<string[]> {
    const rows = await managerOf(tx, this.dataSource)
      .createQueryBuilder(CompatSessionEntity, 's')
      .select('s.id', 'id')
      .where('s.userId = :userId', { userId: ulidToUuid(userId) })
      .andWhere('s.finishedAt IS NULL')
      .orderBy('COALESCE(s.last_active_at, s.created_at)', 'ASC')
      .addOrderBy('s.id', 'ASC')
      .limit(limit)
      .getRawMany<{ id: string }>();
    return rows.map((row) => uuidToUlid(row.id));
  }

  /**
   * Ends the session if it is still active; returns false when it was already finished or
   * does not exist.
   */
  async finish(id: string, now: Date, tx?: Tx): Promise<boolean> {
    const result = await managerOf(tx, this.dataSource).update(
      CompatSessionEntity,
      { id, finishedAt: IsNull() },
      { finishedAt: now },
    );
    return (result.affected ?? 0) > 0;
  }

  /** The device ids of the user's unfinished sessions; empty when they have none. */
  async listActiveDeviceIdsOfUser(userId: string, tx?: Tx): Promise<string[]> {
    const rows = await managerOf(tx, this.dataSource).find(CompatSessionEntity, {
      select: { id: true, deviceId: true },
      where: { userId, finishedAt: IsNull(), deviceId: Not(IsNull()) },
    });
    return rows.flatMap((row) => (row.deviceId === null ? [] : [row.deviceId]));
  }
}
