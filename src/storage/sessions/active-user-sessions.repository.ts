import { Injectable } from '@nestjs/common';
import { DataSource, In, IsNull } from 'typeorm';
import { managerOf, type Tx } from '../../database/transaction';
import { CompatSessionEntity } from '../compat/compat-session.entity';
import { OAuth2ClientEntity } from '../oauth2/oauth2-client.entity';
import { OAuth2SessionEntity } from '../oauth2/oauth2-session.entity';
import { PersonalSessionEntity } from '../personal/personal-session.entity';

/** How many active sessions of each kind count towards a user's session limit. */
export interface ActiveSessionCounts {
  oauth2: number;
  compat: number;
  personal: number;
}

/** One active session of a user, as a person would recognise it. */
export interface ActiveSessionRow {
  kind: 'oauth2' | 'compat';
  id: string;
  /** OAuth 2.0: the client's name (null when it has none); compat: null. */
  clientName: string | null;
  clientId: string | null;
  /** The device name the session was given, if any. */
  humanName: string | null;
  deviceId: string | null;
  userAgent: string | null;
  createdAt: Date;
  lastActiveAt: Date | null;
}

/**
 * Read-only views across the session tables of one user: the counts the session limit uses
 * (MAS handlers/src/session.rs `count_user_sessions_for_limiting`) and the list a person picks
 * sessions to end from.
 */
@Injectable()
export class ActiveUserSessionsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Unfinished OAuth 2.0 and compat sessions of the user, and unrevoked personal sessions the
   * user both owns and acts as (administrator-owned ones do not count); zeros for none.
   */
  async countForLimiting(userId: string, tx?: Tx): Promise<ActiveSessionCounts> {
    const m = managerOf(tx, this.dataSource);
    const [oauth2, compat, personal] = await Promise.all([
      m.countBy(OAuth2SessionEntity, { userId, finishedAt: IsNull() }),
      m.countBy(CompatSessionEntity, { userId, finishedAt: IsNull() }),
      m.countBy(PersonalSessionEntity, {
        ownerUserId: userId,
        actorUserId: userId,
        revokedAt: IsNull(),
      }),
    ]);
    return { oauth2, compat, personal };
  }

  /**
   * Up to `limit` unfinished OAuth 2.0 and up to `limit` compat sessions of the user, least
   * recently active first (never-used ones by creation); empty when there are none.
   */
  async listForUser(userId: string, limit: number, tx?: Tx): Promise<ActiveSessionRow[]> {
    const m = managerOf(tx, this.dataSource);
    const oauth2 = await m.find(OAuth2SessionEntity, {
      where: { userId, finishedAt: IsNull() },
      order: { lastActiveAt: { direction: 'ASC', nulls: 'FIRST' }, createdAt: 'ASC' },
      take: limit,
    });
    const clientIds = [...new Set(oauth2.map((s) => s.oauth2ClientId))];
    const clients = clientIds.length
      ? await m.find(OAuth2ClientEntity, {
          select: { id: true, clientName: true },
          where: { id: In(clientIds) },
        })
      : [];
    const names = new Map(clients.map((c) => [c.id, c.clientName]));
    const compat = await m.find(CompatSessionEntity, {
      where: { userId, finishedAt: IsNull() },
      order: { lastActiveAt: { direction: 'ASC', nulls: 'FIRST' }, createdAt: 'ASC' },
      take: limit,
    });
    return [
      ...oauth2.map((s): ActiveSessionRow => ({
        kind: 'oauth2',
        id: s.id,
        clientId: s.oauth2ClientId,
        clientName: names.get(s.oauth2ClientId) ?? null,
        humanName: s.humanName,
        deviceId: null,
        userAgent: s.userAgent,
        createdAt: s.createdAt,
        lastActiveAt: s.lastActiveAt,
      })),
      ...compat.map((s): ActiveSessionRow => ({
        kind: 'compat',
        id: s.id,
        clientId: null,
        clientName: null,
        humanName: s.humanName,
        deviceId: s.deviceId,
        userAgent: s.userAgent,
        createdAt: s.createdAt,
        lastActiveAt: s.lastActiveAt,
      })),
    ];
  }
}
