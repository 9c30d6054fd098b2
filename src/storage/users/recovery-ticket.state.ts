import type { UserRecoverySessionEntity } from './user-recovery-session.entity';
import type { UserRecoveryTicketEntity } from './user-recovery-ticket.entity';

/** A recovery link is valid for 10 minutes after it is sent (MAS crates/tasks/src/recovery.rs). */
export const RECOVERY_TICKET_TTL_MS = 10 * 60 * 1000;

/**
 * A recovery request older than this sends no mail any more, even when the mail server comes
 * back after a long outage: the person has long stopped waiting for it.
 */
export const RECOVERY_SESSION_SEND_WINDOW_MS = 60 * 60 * 1000;

/** What a ticket allows, in MAS's order of checks (graphql `set_password_by_recovery`). */
export type RecoveryTicketState = 'valid' | 'consumed' | 'expired';

/**
 * The state of a ticket: `consumed` once its recovery session was used (one password set per
 * session, whichever of its tickets was used), else `expired` from `expires_at` on, else
 * `valid`.
 */
export function recoveryTicketState(
  ticket: Pick<UserRecoveryTicketEntity, 'expiresAt'>,
  session: Pick<UserRecoverySessionEntity, 'consumedAt'>,
  now: Date,
): RecoveryTicketState {
  if (session.consumedAt !== null) return 'consumed';
  if (now.getTime() >= ticket.expiresAt.getTime()) return 'expired';
  return 'valid';
}

/** The moment a ticket issued at `now` stops being valid. */
export function recoveryTicketExpiry(now: Date): Date {
  return new Date(now.getTime() + RECOVERY_TICKET_TTL_MS);
}

/** Whether a recovery session's mails may still be sent at `now`. */
export function recoverySessionMaySend(
  session: Pick<UserRecoverySessionEntity, 'consumedAt' | 'createdAt'>,
  now: Date,
): boolean {
  return (
    session.consumedAt === null &&
    now.getTime() - session.createdAt.getTime() < RECOVERY_SESSION_SEND_WINDOW_MS
  );
}
