import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { managerOf, type Tx } from '../../database/transaction';
import { ulidToUuid } from '../ulid-column';

/** What closing an account ended or removed, per kind. */
export interface ClosedAccount {
  browserSessions: number;
  oauth2Sessions: number;
  compatSessions: number;
  personalSessions: number;
  emails: number;
}

/** Runs `sql` (a data-changing statement with RETURNING) and counts the rows it changed. */
async function count(tx: Tx | undefined, ds: DataSource, sql: string, params: unknown[]) {
  const rows: { n: number }[] = await managerOf(tx, ds).query(
    `WITH changed AS (${sql} RETURNING 1) SELECT count(*)::int AS n FROM changed`,
    params,
  );
  return rows[0]?.n ?? 0;
}

/**
 * Ends and reopens whole accounts across their tables (MAS `DeactivateUserJob` and
 * `ReactivateUserJob`): one intent touching users, sessions of every kind and email addresses.
 */
@Injectable()
export class UserClosureRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Marks the user locked and deactivated (keeping earlier timestamps), finishes their browser,
   * OAuth 2.0 and compat sessions, revokes the personal sessions they act as or own, and deletes
   * their email addresses and unsupported third-party ids. Idempotent: a second run changes
   * nothing. Null, changing nothing, when no user has this id.
   */
  async close(userId: string, now: Date, tx?: Tx): Promise<ClosedAccount | null> {
    const id = ulidToUuid(userId);
    const ds = this.dataSource;
    const users = await count(
      tx,
      ds,
      `UPDATE users SET locked_at = COALESCE(locked_at, $2),
         deactivated_at = COALESCE(deactivated_at, $2) WHERE user_id = $1`,
      [id, now],
    );
    if (users === 0) return null;
    const finish = (table: string) =>
      count(
        tx,
        ds,
        `UPDATE ${table} SET finished_at = $2 WHERE user_id = $1 AND finished_at IS NULL`,
        [id, now],
      );
    const closed: ClosedAccount = {
      browserSessions: await finish('user_sessions'),
      oauth2Sessions: await finish('oauth2_sessions'),
      compatSessions: await finish('compat_sessions'),
      personalSessions: await count(
        tx,
        ds,
        `UPDATE personal_sessions SET revoked_at = $2
          WHERE (actor_user_id = $1 OR owner_user_id = $1) AND revoked_at IS NULL`,
        [id, now],
      ),
      emails: await count(tx, ds, `DELETE FROM user_emails WHERE user_id = $1`, [id]),
    };
    await count(tx, ds, `DELETE FROM user_unsupported_third_party_ids WHERE user_id = $1`, [id]);
    return closed;
  }

  /** Clears `deactivated_at` and `locked_at`; false when no user has this id. */
  async reopen(userId: string, tx?: Tx): Promise<boolean> {
    const n = await count(
      tx,
      this.dataSource,
      `UPDATE users SET deactivated_at = NULL, locked_at = NULL WHERE user_id = $1`,
      [ulidToUuid(userId)],
    );
    return n > 0;
  }
}
