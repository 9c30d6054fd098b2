import { Injectable } from '@nestjs/common';
import { isStorableUlid } from '../core';
import { TransactionRunner } from '../database/transaction';
import { CompatSessionRepository } from '../storage/compat/compat-session.repository';
import { OAuth2SessionRepository } from '../storage/oauth2/oauth2-session.repository';
import { CompatSessionTerminator } from './compat-session-terminator';
import { OAuth2SessionTerminator } from './oauth2-session-terminator';
import {
  ActiveUserSessionsRepository,
  type ActiveSessionRow,
} from '../storage/sessions/active-user-sessions.repository';

/** At most this many sessions of each kind are listed, and ended per form. */
export const MAX_LISTED_SESSIONS = 200;

/** One line of the too-many-sessions page. */
export interface SessionLine {
  /** The form value: `oauth2:<id>` or `compat:<id>`. */
  value: string;
  kind: 'oauth2' | 'compat';
  /** The client (OAuth 2.0) or device (compat) name, or null when unknown. */
  name: string | null;
  deviceId: string | null;
  userAgent: string | null;
  /** ISO 8601 UTC to the minute, or null when never used. */
  lastActive: string | null;
  created: string;
}

const minute = (d: Date) => `${d.toISOString().slice(0, 16).replace('T', ' ')} UTC`;

function lineOf(row: ActiveSessionRow): SessionLine {
  return {
    value: `${row.kind}:${row.id}`,
    kind: row.kind,
    name: row.kind === 'oauth2' ? (row.humanName ?? row.clientName) : row.humanName,
    deviceId: row.deviceId,
    userAgent: row.userAgent,
    lastActive: row.lastActiveAt ? minute(row.lastActiveAt) : null,
    created: minute(row.createdAt),
  };
}

/** The `session` form field: one value or several, each `oauth2:<ulid>` or `compat:<ulid>`. */
function selectedOf(field: unknown): { kind: 'oauth2' | 'compat'; id: string }[] {
  const values = Array.isArray(field) ? (field as unknown[]) : [field];
  const out: { kind: 'oauth2' | 'compat'; id: string }[] = [];
  for (const v of values.slice(0, 2 * MAX_LISTED_SESSIONS)) {
    if (typeof v !== 'string') continue;
    const [kind, id] = v.split(':');
    if ((kind === 'oauth2' || kind === 'compat') && id !== undefined && isStorableUlid(id)) {
      out.push({ kind, id });
    }
  }
  return out;
}

/**
 * The sessions side of the too-many-sessions page (MAS `policy_violation.html`, which links
 * to the account's session list): what the person has open, and ending the ones they pick,
 * each through its terminator so tokens are revoked and devices deleted on the homeserver.
 */
@Injectable()
export class TooManySessions {
  constructor(
    private readonly active: ActiveUserSessionsRepository,
    private readonly oauth2Sessions: OAuth2SessionRepository,
    private readonly compatSessions: CompatSessionRepository,
    private readonly oauth2: OAuth2SessionTerminator,
    private readonly compat: CompatSessionTerminator,
    private readonly tx: TransactionRunner,
  ) {}

  /** The user's active sessions, least recently active first. */
  async list(userId: string): Promise<SessionLine[]> {
    return (await this.active.listForUser(userId, MAX_LISTED_SESSIONS)).map(lineOf);
  }

  /**
   * Ends the selected sessions that are the user's and still active; others' sessions and
   * unknown ids are skipped. Returns how many it ended.
   */
  async endSelected(userId: string, field: unknown): Promise<number> {
    const selected = selectedOf(field);
    return this.tx.run(async (t) => {
      let ended = 0;
      for (const { kind, id } of selected) {
        if (kind === 'oauth2') {
          const s = await this.oauth2Sessions.findById(id, t);
          if (s?.userId === userId && (await this.oauth2.endIn(id, t))) ended += 1;
        } else {
          const s = await this.compatSessions.findById(id, t);
          if (s?.userId === userId && (await this.compat.endIn(id, t))) ended += 1;
        }
      }
      return ended;
    });
  }
}
