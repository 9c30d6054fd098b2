import { Injectable } from '@nestjs/common';
import { Clock } from '../core';
import { HomeserverConnection } from '../homeserver/homeserver-connection';
import { deviceIdOf, parseScope } from '../scopes/scope';
import { UserSessionRepository } from '../storage/browser-sessions/user-session.repository';
import {
  type AccountSessionKind,
  type AccountSessionRow,
  AccountSessionsRepository,
} from '../storage/sessions/account-sessions.repository';
import { CompatSessionTerminator } from './compat-session-terminator';
import { OAuth2SessionTerminator } from './oauth2-session-terminator';
import { type UserSessionCounts, UserSessionsTerminator } from './user-sessions-terminator';

/** A session of the signed-in user, with the Matrix device it holds (if any). */
export interface AccountSession {
  kind: AccountSessionKind;
  id: string;
  clientId: string | null;
  clientName: string | null;
  deviceId: string | null;
  humanName: string | null;
  userAgent: string | null;
  createdAt: Date;
  lastActiveAt: Date | null;
  lastActiveIp: string | null;
  finishedAt: Date | null;
}

/** The user's active sessions (at most `limit` of each kind) and how many of each exist. */
export interface AccountSessionOverview {
  sessions: AccountSession[];
  total: UserSessionCounts;
}

/** The longest session name kept (MAS has no limit; Synapse stores device names as text). */
export const MAX_SESSION_NAME_LENGTH = 256;

const ULID = /^[0-7][0-9A-HJKMNP-TV-Z]{25}$/i;

/** The Matrix device an OAuth 2.0 scope binds (MSC2967); unparseable scopes bind none. */
function deviceOfScope(scopeList: string[]): string | null {
  try {
    return deviceIdOf(parseScope(scopeList.join(' '))) ?? null;
  } catch {
    return null;
  }
}

function toSession(row: AccountSessionRow): AccountSession {
  const { scopeList, ...rest } = row;
  return { ...rest, deviceId: row.kind === 'oauth2' ? deviceOfScope(scopeList) : row.deviceId };
}

/**
 * A person's own sessions, as the account pages manage them (MAS GraphQL `appSessions`,
 * `browserSessions`, `setOauth2SessionName`, `setCompatSessionName`, `end*Session`).
 */
@Injectable()
export class AccountSessions {
  constructor(
    private readonly clock: Clock,
    private readonly repository: AccountSessionsRepository,
    private readonly browserSessions: UserSessionRepository,
    private readonly oauth2: OAuth2SessionTerminator,
    private readonly compat: CompatSessionTerminator,
    private readonly everything: UserSessionsTerminator,
    private readonly homeserver: HomeserverConnection,
  ) {}

  /** The user's active sessions, most recently active first within each kind. */
  async overview(userId: string, limit: number): Promise<AccountSessionOverview> {
    const list = await this.repository.listActiveOfUser(userId, limit);
    return { sessions: list.rows.map(toSession), total: list.total };
  }

  /** The user's session `id` (finished or not), or null: unknown, malformed or not theirs. */
  async find(userId: string, id: string): Promise<AccountSession | null> {
    if (!ULID.test(id)) return null;
    const row = await this.repository.findOfUser(userId, id);
    return row ? toSession(row) : null;
  }

  /** The user's active session holding Matrix device `deviceId`, or null. */
  async findByDevice(userId: string, deviceId: string): Promise<AccountSession | null> {
    if (deviceId.length === 0) return null;
    const row = await this.repository.findActiveByDevice(userId, deviceId);
    return row ? toSession(row) : null;
  }

  /**
   * Names the user's active OAuth 2.0 or compat session, then renames its Matrix device on the
   * homeserver (`update_device_display_name`, as MAS's `set*SessionName` do). False when there
   * is no such session. Throws a HomeserverError when the homeserver call fails (the name is
   * kept here; renaming again retries it).
   */
  async rename(
    user: { id: string; username: string },
    session: AccountSession,
    name: string,
  ): Promise<boolean> {
    if (session.kind === 'browser' || session.finishedAt) return false;
    if (!(await this.repository.rename(user.id, session.kind, session.id, name))) return false;
    if (session.deviceId) {
      await this.homeserver.updateDeviceDisplayName(user.username, session.deviceId, name);
    }
    return true;
  }

  /**
   * Ends the session with the existing terminators: an OAuth 2.0 or compat session has its
   * tokens revoked and its device deleted on the homeserver by the `sync-devices` job; a
   * browser session is finished. Idempotent.
   */
  async end(session: AccountSession): Promise<void> {
    switch (session.kind) {
      case 'oauth2':
        return this.oauth2.end(session.id);
      case 'compat':
        return this.compat.end(session.id);
      case 'browser':
        await this.browserSessions.finish(session.id, this.clock.now());
        return;
    }
  }

  /** Ends every session of the user except the browser session `keepBrowserSessionId`. */
  endAllOthers(userId: string, keepBrowserSessionId: string): Promise<UserSessionCounts> {
    return this.everything.endAllOthers(userId, keepBrowserSessionId);
  }
}
