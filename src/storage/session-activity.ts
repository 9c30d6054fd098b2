import type { EntityManager } from 'typeorm';
import { ulidToUuid } from './ulid-column';

/** The latest activity seen on one session, as the activity tracker batches it. */
export interface SessionActivity {
  sessionId: string;
  lastActiveAt: Date;
  /** The end user's address, or null when the caller does not know it. */
  ip: string | null;
}

/** The session tables that record `last_active_at` / `last_active_ip`, with their keys. */
export type ActivityTable =
  | { table: 'oauth2_sessions'; id: 'oauth2_session_id' }
  | { table: 'compat_sessions'; id: 'compat_session_id' }
  | { table: 'personal_sessions'; id: 'personal_session_id' };

/**
 * One multi-row UPDATE of `last_active_at` / `last_active_ip` for `entries` (MAS
 * `record_batch_activity`): a time never moves backwards (`GREATEST`), a null address keeps
 * the stored one. Rows are locked in id order so two concurrent flushes cannot deadlock.
 * Ids that match no session are skipped. Returns how many rows changed.
 */
export async function updateSessionActivity(
  manager: EntityManager,
  target: ActivityTable,
  entries: readonly SessionActivity[],
): Promise<number> {
  if (entries.length === 0) return 0;
  const sorted = entries
    .map((e) => ({ id: ulidToUuid(e.sessionId), at: e.lastActiveAt.toISOString(), ip: e.ip }))
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const { table, id } = target;
  const result: unknown = await manager.query(
    `UPDATE ${table} AS s
        SET last_active_at = GREATEST(s.last_active_at, v.at),
            last_active_ip = COALESCE(v.ip, s.last_active_ip)
       FROM unnest($1::uuid[], $2::timestamptz[], $3::inet[]) AS v(id, at, ip)
      WHERE s.${id} = v.id`,
    [sorted.map((e) => e.id), sorted.map((e) => e.at), sorted.map((e) => e.ip)],
  );
  return affectedRows(result);
}

/** TypeORM answers `[rows, affected]` for an UPDATE on PostgreSQL. */
function affectedRows(result: unknown): number {
  if (Array.isArray(result) && typeof result[1] === 'number') return result[1];
  return 0;
}
