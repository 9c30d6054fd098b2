import { Injectable } from '@nestjs/common';
import { DataSource, In, IsNull } from 'typeorm';
import { UserSessionEntity } from '../browser-sessions/user-session.entity';
import { CompatSessionEntity } from '../compat/compat-session.entity';
import { OAuth2ClientEntity } from '../oauth2/oauth2-client.entity';
import { OAuth2SessionEntity } from '../oauth2/oauth2-session.entity';
import { ulidToUuid } from '../ulid-column';

export type AccountSessionKind = 'oauth2' | 'compat' | 'browser';

/** One session of a user as the account pages show it, whatever its table. */
export interface AccountSessionRow {
  kind: AccountSessionKind;
  id: string;
  /** OAuth 2.0: the client's id and name (null when it has none); others: null. */
  clientId: string | null;
  clientName: string | null;
  /** OAuth 2.0: the scope, from which the Matrix device is read; others: empty. */
  scopeList: string[];
  /** Compat: the Matrix device id; others: null (OAuth 2.0 keeps it in the scope). */
  deviceId: string | null;
  /** The name the user gave the session (OAuth 2.0 and compat); browser: null. */
  humanName: string | null;
  userAgent: string | null;
  createdAt: Date;
  lastActiveAt: Date | null;
  lastActiveIp: string | null;
  finishedAt: Date | null;
}

/** The active sessions of each kind, most recently active first, and how many exist. */
export interface AccountSessionList {
  rows: AccountSessionRow[];
  total: { oauth2: number; compat: number; browser: number };
}

const RECENT_FIRST = {
  lastActiveAt: { direction: 'DESC', nulls: 'LAST' },
  createdAt: 'DESC',
} as const;

/** MSC2967 device scope tokens, in both namespaces, for `deviceId`. */
function deviceScopes(deviceId: string): string[] {
  return [
    `urn:matrix:client:device:${deviceId}`,
    `urn:matrix:org.matrix.msc2967.client:device:${deviceId}`,
  ];
}

/**
 * The sessions of one user across `oauth2_sessions`, `compat_sessions` and `user_sessions`,
 * for the account pages: listing, looking one up (by id or Matrix device), renaming.
 */
@Injectable()
export class AccountSessionsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Up to `limit` unfinished sessions of each kind of the user, most recently active first
   * (never-used ones last, newest first), with the full counts; empty lists for none.
   */
  async listActiveOfUser(userId: string, limit: number): Promise<AccountSessionList> {
    const m = this.dataSource.manager;
    const active = { userId, finishedAt: IsNull() };
    const [oauth2, compat, browser, oauth2Count, compatCount, browserCount] = await Promise.all([
      m.find(OAuth2SessionEntity, { where: active, order: RECENT_FIRST, take: limit }),
      m.find(CompatSessionEntity, { where: active, order: RECENT_FIRST, take: limit }),
      m.find(UserSessionEntity, { where: active, order: RECENT_FIRST, take: limit }),
      m.countBy(OAuth2SessionEntity, active),
      m.countBy(CompatSessionEntity, active),
      m.countBy(UserSessionEntity, active),
    ]);
    const names = await this.clientNames(oauth2.map((s) => s.oauth2ClientId));
    return {
      rows: [
        ...oauth2.map((s) => this.fromOAuth2(s, names)),
        ...compat.map((s) => this.fromCompat(s)),
        ...browser.map((s) => this.fromBrowser(s)),
      ],
      total: { oauth2: oauth2Count, compat: compatCount, browser: browserCount },
    };
  }

  /** The session `id` of any kind if it belongs to the user (finished or not), else null. */
  async findOfUser(userId: string, id: string): Promise<AccountSessionRow | null> {
    const m = this.dataSource.manager;
    const oauth2 = await m.findOneBy(OAuth2SessionEntity, { id, userId });
    if (oauth2) return this.fromOAuth2(oauth2, await this.clientNames([oauth2.oauth2ClientId]));
    const compat = await m.findOneBy(CompatSessionEntity, { id, userId });
    if (compat) return this.fromCompat(compat);
    const browser = await m.findOneBy(UserSessionEntity, { id, userId });
    return browser ? this.fromBrowser(browser) : null;
  }

  /**
   * The user's unfinished OAuth 2.0 or compat session holding the Matrix device `deviceId`
   * (the most recent if several do), or null when none does.
   */
  async findActiveByDevice(userId: string, deviceId: string): Promise<AccountSessionRow | null> {
    const m = this.dataSource.manager;
    const compat = await m.findOne(CompatSessionEntity, {
      where: { userId, deviceId, finishedAt: IsNull() },
      order: { createdAt: 'DESC' },
    });
    if (compat) return this.fromCompat(compat);
    const oauth2 = await m
      .createQueryBuilder(OAuth2SessionEntity, 's')
      .where('s.userId = :userId AND s.finishedAt IS NULL', { userId: ulidToUuid(userId) })
      .andWhere('s.scopeList && :scopes::text[]', { scopes: deviceScopes(deviceId) })
      .orderBy('s.createdAt', 'DESC')
      .getOne();
    return oauth2 ? this.fromOAuth2(oauth2, await this.clientNames([oauth2.oauth2ClientId])) : null;
  }

  /**
   * Sets the human name of the user's unfinished OAuth 2.0 or compat session; false when no
   * such session matches (unknown, another user's, finished, or a browser session).
   */
  async rename(userId: string, kind: 'oauth2' | 'compat', id: string, name: string) {
    const entity = kind === 'oauth2' ? OAuth2SessionEntity : CompatSessionEntity;
    const result = await this.dataSource.manager.update(
      entity,
      { id, userId, finishedAt: IsNull() },
      { humanName: name },
    );
    return (result.affected ?? 0) > 0;
  }

  private async clientNames(ids: string[]): Promise<Map<string, string | null>> {
    const unique = [...new Set(ids)];
    if (unique.length === 0) return new Map();
    const clients = await this.dataSource.manager.find(OAuth2ClientEntity, {
      select: { id: true, clientName: true },
      where: { id: In(unique) },
    });
    return new Map(clients.map((c) => [c.id, c.clientName]));
  }

  private fromOAuth2(s: OAuth2SessionEntity, names: Map<string, string | null>): AccountSessionRow {
    return {
      kind: 'oauth2',
      id: s.id,
      clientId: s.oauth2ClientId,
      clientName: names.get(s.oauth2ClientId) ?? null,
      scopeList: s.scopeList,
      deviceId: null,
      humanName: s.humanName,
      userAgent: s.userAgent,
      createdAt: s.createdAt,
      lastActiveAt: s.lastActiveAt,
      lastActiveIp: s.lastActiveIp,
      finishedAt: s.finishedAt,
    };
  }

  private fromCompat(s: CompatSessionEntity): AccountSessionRow {
    return {
      kind: 'compat',
      id: s.id,
      clientId: null,
      clientName: null,
      scopeList: [],
      deviceId: s.deviceId,
      humanName: s.humanName,
      userAgent: s.userAgent,
      createdAt: s.createdAt,
      lastActiveAt: s.lastActiveAt,
      lastActiveIp: s.lastActiveIp,
      finishedAt: s.finishedAt,
    };
  }

  private fromBrowser(s: UserSessionEntity): AccountSessionRow {
    return {
      kind: 'browser',
      id: s.id,
      clientId: null,
      clientName: null,
      scopeList: [],
      deviceId: null,
      humanName: null,
      userAgent: s.userAgent,
      createdAt: s.createdAt,
      lastActiveAt: s.lastActiveAt,
      lastActiveIp: s.lastActiveIp,
      finishedAt: s.finishedAt,
    };
  }
}
