/** How a failed attempt is handled. */
export interface FailureVerdict {
  /** Retrying may succeed: a transient error, or one whose nature is unknown. */
  retry: boolean;
  /** The error's own message, safe to log (homeserver errors never hold the secret). */
  message: string;
  /** Whether the error says what it is (a `transient` flag); unknown errors are logged louder. */
  known: boolean;
}

/**
 * Judges an error thrown by a job handler. Errors that carry a boolean `transient` (every
 * HomeserverError) are retried when it is true and fail the job for good when it is false.
 * Other errors (a lost database connection, a bug) are retried: the backoff keeps a bug from
 * spinning, and a failure that lasts still ends as a failed job when the attempts run out.
 */
export function judgeFailure(error: unknown): FailureVerdict {
  const message = error instanceof Error ? error.message : String(error);
  const transient = (error as { transient?: unknown } | null)?.transient;
  if (typeof transient === 'boolean') return { retry: transient, message, known: true };
  return { retry: true, message, known: false };
}
