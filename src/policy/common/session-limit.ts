/** `data.session_limit`: from `experimental.session_limit`, or null when limits are off. */
export interface SessionLimitData {
  soft_limit: number;
  hard_limit: number;
  max_session_threshold?: number | null;
  dangerous_hard_limit_eviction?: boolean;
}

/**
 * How many active sessions a user has (MAS `SessionCounts`,
 * handlers/src/session.rs `count_user_sessions_for_limiting`): OAuth 2.0 + compat + personal
 * sessions the user owns and acts as.
 */
export interface SessionCounts {
  total: number;
  oauth2: number;
  compat: number;
  personal: number;
}

/**
 * MAS `passes_session_threshold`: limits apply only to accounts at or under
 * `max_session_threshold`, when it is set.
 */
export function passesSessionThreshold(limit: SessionLimitData, counts: SessionCounts): boolean {
  const threshold = limit.max_session_threshold;
  return threshold === undefined || threshold === null || counts.total <= threshold;
}

/** `too-many-sessions` with MAS's `need_to_remove`: room for the new session (`+ 1`). */
export function tooManySessions(msg: string, counts: SessionCounts, limit: number) {
  return { code: 'too-many-sessions' as const, msg, need_to_remove: counts.total - limit + 1 };
}
