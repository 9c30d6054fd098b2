import { Injectable } from '@nestjs/common';
import { DataSource, IsNull } from 'typeorm';
import { managerOf, type Tx } from '../../database/transaction';
import { type SessionActivity, updateSessionActivity } from '../session-activity';
import { OAuth2SessionEntity } from './oauth2-session.entity';

export interface NewOAuth2Session {
  id: string;
  clientId: string;
  userId: string | null;
  userSessionId: string | null;
  scope: string[];
  createdAt: Date;
  userAgent: string | null;
  /** The device name shown to the user and sent to the homeserver; null when none. */
  humanName?: string | null;
}

/** OAuth 2.0 sessions (`oauth2_sessions`): one per code exchange or client_credentials grant. */
@Injectable()
export class OAuth2SessionRepository {
  constructor(private readonly dataSource: DataSource) {}

  async add(session: NewOAuth2Session, tx?: Tx): Promise<void> {
    await managerOf(tx, this.dataSource).insert(OAuth2SessionEntity, {
      id: session.id,
      oauth2ClientId: session.clientId,
      userId: session.userId,
      userSessionId: session.userSessionId,
      scopeList: session.scope,
      createdAt: session.createdAt,
      userAgent: session.userAgent,
      humanName: session.humanName ?? null,
    });
  }

  /** The scope lists of the user's unfinished sessions; empty when they have none. */
  async listActiveScopesOfUser(userId: string, tx?: Tx): Promise<string[][]> {
    const rows = await managerOf(tx, this.dataSource).find(OAuth2SessionEntity, {
      select: { id: true, scopeList: true },
      where: { userId, finishedAt: IsNull() },
    });
    return rows.map((row) => row.scopeList);
  }

  /** The ids of the user's unfinished sessions; empty when they have none. */
  async listActiveIdsOfUser(userId: string, tx?: Tx): Promise<string[]> {
    const rows = await managerOf(tx, this.dataSource).find(OAuth2SessionEntity, {
      select: { id: true },
      where: { userId, finishedAt: IsNull() },
      order: { id: 'ASC' },
    });
    return rows.map((row) => row.id);
  }

  /** The session with this id, or null when there is none. */
  findById(id: string, tx?: Tx): Promise<OAuth2SessionEntity | null> {
    return managerOf(tx, this.dataSource).findOneBy(OAuth2SessionEntity, { id });
  }

  /**
   * Ends the session if it is still active; returns false when it was already finished or
   * does not exist.
   */
  async finish(id: string, now: Date, tx?: Tx): Promise<boolean> {
    const result = await managerOf(tx, this.dataSource).update(
      OAuth2SessionEntity,
      { id, finishedAt: IsNull() },
      { finishedAt: now },
    );
    return (result.affected ?? 0) > 0;
  }

  /**
   * Records the latest activity of many sessions in one multi-row UPDATE (never moving
   * `last_active_at` backwards); ids of unknown sessions are skipped. Returns how many changed.
   */
  recordActivity(entries: readonly SessionActivity[], tx?: Tx): Promise<number> {
    return updateSessionActivity(
      managerOf(tx, this.dataSource),
      { table: 'oauth2_sessions', id: 'oauth2_session_id' },
      entries,
    );
  }
}
