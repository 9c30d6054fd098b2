import type { SessionActivity } from '../storage/session-activity';

/** The session tables whose activity is tracked (MAS ActivityTracker). */
export const ACTIVITY_SESSION_KINDS = ['oauth2', 'compat', 'personal'] as const;
export type ActivitySessionKind = (typeof ACTIVITY_SESSION_KINDS)[number];

/** Pending activity grouped by session kind, ready for one batched write per kind. */
export type ActivityBatch = Record<ActivitySessionKind, SessionActivity[]>;

interface Entry {
  kind: ActivitySessionKind;
  activity: SessionActivity;
}

/**
 * In-memory activity not written yet: one entry per session holding its latest time and the
 * latest address seen (an unknown address never erases a known one). Pure; no I/O, no clock.
 */
export class PendingActivity {
  private entries = new Map<string, Entry>();

  /** How many sessions have pending activity. */
  get size(): number {
    return this.entries.size;
  }

  record(kind: ActivitySessionKind, sessionId: string, at: Date, ip: string | null): void {
    const key = `${kind}:${sessionId}`;
    const existing = this.entries.get(key);
    if (!existing) {
      this.entries.set(key, { kind, activity: { sessionId, lastActiveAt: at, ip } });
      return;
    }
    const a = existing.activity;
    if (at.getTime() >= a.lastActiveAt.getTime()) {
      a.lastActiveAt = at;
      if (ip !== null) a.ip = ip;
    } else if (a.ip === null) {
      a.ip = ip;
    }
  }

  /** Everything pending, grouped by kind; afterwards nothing is pending. */
  drain(): ActivityBatch {
    const batch: ActivityBatch = { oauth2: [], compat: [], personal: [] };
    for (const { kind, activity } of this.entries.values()) batch[kind].push(activity);
    this.entries = new Map();
    return batch;
  }

  /** Puts back a batch that could not be written, merged with what arrived meanwhile. */
  restore(batch: Partial<ActivityBatch>): void {
    for (const kind of ACTIVITY_SESSION_KINDS) {
      for (const a of batch[kind] ?? []) this.record(kind, a.sessionId, a.lastActiveAt, a.ip);
    }
  }
}
