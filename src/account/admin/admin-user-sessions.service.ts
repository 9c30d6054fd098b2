import { Injectable } from '@nestjs/common';
import { Clock } from '../../core';
import {
  CompatSessionTerminator,
  OAuth2SessionTerminator,
  PersonalSessionTerminator,
} from '../../sessions';
import { UserSessionAdminRepository } from '../../storage/browser-sessions/user-session-admin.repository';
import { UserSessionRepository } from '../../storage/browser-sessions/user-session.repository';
import { CompatSessionAdminRepository } from '../../storage/compat/compat-session-admin.repository';
import { CompatSessionRepository } from '../../storage/compat/compat-session.repository';
import { OAuth2ClientRepository } from '../../storage/oauth2/oauth2-client.repository';
import { OAuth2SessionAdminRepository } from '../../storage/oauth2/oauth2-session-admin.repository';
import { OAuth2SessionRepository } from '../../storage/oauth2/oauth2-session.repository';
import type { Pagination } from '../../storage/pagination';
import { PersonalSessionAdminRepository } from '../../storage/personal/personal-session-admin.repository';
import { shownInstant } from './admin-views';

/** The kinds of session the user page lists and ends. */
export const SESSION_KINDS = ['oauth2', 'compat', 'browser', 'personal'] as const;
export type SessionKind = (typeof SESSION_KINDS)[number];

export function isSessionKind(value: string): value is SessionKind {
  return (SESSION_KINDS as readonly string[]).includes(value);
}

/** How many active sessions of each kind the user page lists (the newest are not cut). */
export const SESSIONS_SHOWN = 50;

const FIRST: Pagination = {
  after: null,
  before: null,
  direction: 'backward',
  count: SESSIONS_SHOWN,
};

/** One row of a session table on the user page. */
export interface SessionRow {
  id: string;
  /** Client name, device ID or the personal session's name, when there is one. */
  label: string | null;
  scope: string | null;
  created_at: string | null;
  last_active_at: string | null;
  last_active_ip: string | null;
  user_agent: string | null;
}

type SessionTables = Record<SessionKind, { rows: SessionRow[]; total: number }>;

/**
 * A user's active sessions of every kind for the user page (the admin API's session lists with
 * `filter[user]` and `filter[status]=active`), and ending one of them through the same
 * terminators as the admin API, so a Matrix device is removed from the homeserver too.
 */
@Injectable()
export class AdminUserSessions {
  constructor(
    private readonly clock: Clock,
    private readonly clients: OAuth2ClientRepository,
    private readonly oauth2Listing: OAuth2SessionAdminRepository,
    private readonly oauth2Sessions: OAuth2SessionRepository,
    private readonly compatListing: CompatSessionAdminRepository,
    private readonly compatSessions: CompatSessionRepository,
    private readonly browserListing: UserSessionAdminRepository,
    private readonly browserSessions: UserSessionRepository,
    private readonly personalListing: PersonalSessionAdminRepository,
    private readonly oauth2: OAuth2SessionTerminator,
    private readonly compat: CompatSessionTerminator,
    private readonly personal: PersonalSessionTerminator,
  ) {}

  /** The user's active sessions, newest first, at most SESSIONS_SHOWN of each kind. */
  async listActive(userId: string): Promise<SessionTables> {
    const filter = { userId, status: 'active' as const };
    const [oauth2, compat, browser, personal] = await Promise.all([
      this.oauth2Tables(filter),
      Promise.all([this.compatListing.list(filter, FIRST), this.compatListing.count(filter)]).then(
        ([p, total]) => ({
          total,
          rows: p.edges.reverse().map(({ session: s }) => ({
            id: s.id,
            label: s.humanName ?? s.deviceId,
            scope: null,
            ...times(s),
          })),
        }),
      ),
      Promise.all([
        this.browserListing.list(filter, FIRST),
        this.browserListing.count(filter),
      ]).then(([p, total]) => ({
        total,
        rows: p.edges.reverse().map((s) => ({ id: s.id, label: null, scope: null, ...times(s) })),
      })),
      this.personalTables(userId),
    ]);
    return { oauth2, compat, browser, personal };
  }

  /**
   * Ends the user's session of `kind`; false when no such active session belongs to the user.
   * OAuth 2.0 and compat sessions and device-bound personal sessions also schedule the device
   * sync with the homeserver.
   */
  async end(userId: string, kind: SessionKind, sessionId: string): Promise<boolean> {
    switch (kind) {
      case 'oauth2': {
        const s = await this.oauth2Sessions.findById(sessionId);
        if (!s || s.userId !== userId || s.finishedAt !== null) return false;
        await this.oauth2.end(sessionId);
        return true;
      }
      case 'compat': {
        const s = await this.compatSessions.findById(sessionId);
        if (!s || s.userId !== userId || s.finishedAt !== null) return false;
        await this.compat.end(sessionId);
        return true;
      }
      case 'browser': {
        const s = await this.browserSessions.findById(sessionId);
        if (!s || s.userId !== userId) return false;
        return this.browserSessions.finish(sessionId, this.clock.now());
      }
      case 'personal': {
        const s = await this.personalListing.findById(sessionId);
        if (!s || s.session.actorUserId !== userId) return false;
        return this.personal.revoke(sessionId);
      }
    }
  }

  private async oauth2Tables(filter: { userId: string; status: 'active' }) {
    const [p, total] = await Promise.all([
      this.oauth2Listing.list(filter, FIRST),
      this.oauth2Listing.count(filter),
    ]);
    const names = new Map<string, string | null>();
    for (const id of new Set(p.edges.map((s) => s.oauth2ClientId))) {
      const client = await this.clients.findById(id);
      names.set(id, client?.clientName ?? null);
    }
    return {
      total,
      rows: p.edges.reverse().map((s) => ({
        id: s.id,
        label: s.humanName ?? names.get(s.oauth2ClientId) ?? s.oauth2ClientId,
        scope: s.scopeList.join(' '),
        ...times(s),
      })),
    };
  }

  private async personalTables(userId: string) {
    const filter = { actorUserId: userId, status: 'active' as const };
    const [p, total] = await Promise.all([
      this.personalListing.list(filter, FIRST),
      this.personalListing.count(filter),
    ]);
    return {
      total,
      rows: p.edges.reverse().map(({ session: s }) => ({
        id: s.id,
        label: s.humanName,
        scope: s.scopeList.join(' '),
        created_at: shownInstant(s.createdAt),
        last_active_at: shownInstant(s.lastActiveAt),
        last_active_ip: s.lastActiveIp,
        user_agent: null,
      })),
    };
  }
}

function times(s: {
  createdAt: Date;
  lastActiveAt: Date | null;
  lastActiveIp: string | null;
  userAgent: string | null;
}) {
  return {
    created_at: shownInstant(s.createdAt),
    last_active_at: shownInstant(s.lastActiveAt),
    last_active_ip: s.lastActiveIp,
    user_agent: s.userAgent,
  };
}
