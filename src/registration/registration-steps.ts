/** A registration must be finished within an hour of its start (MAS register/steps/finish.rs). */
export const REGISTRATION_TTL_MS = 60 * 60_000;

/** Stored as `display_name` when the person skipped the display-name step. */
export const SKIPPED_DISPLAY_NAME = '';

/** What a registration needs next. */
export type RegistrationStep =
  | 'verify-email'
  | 'token'
  | 'display-name'
  /** Everything is there: the account can be created. */
  | 'finish'
  | 'completed'
  | 'expired';

/** The facts the next step depends on. */
export interface RegistrationFacts {
  createdAt: Date;
  completedAt: Date | null;
  /** Null when no address was given. */
  emailVerified: boolean | null;
  hasToken: boolean;
  tokenRequired: boolean;
  displayName: string | null;
}

/**
 * The next step of a registration, in MAS's order (register/steps/finish.rs): the email code,
 * then the registration token, then the display name; a finished or hour-old registration goes
 * nowhere.
 */
export function nextRegistrationStep(facts: RegistrationFacts, now: Date): RegistrationStep {
  if (facts.completedAt !== null) return 'completed';
  if (now.getTime() - facts.createdAt.getTime() > REGISTRATION_TTL_MS) return 'expired';
  if (facts.emailVerified === false) return 'verify-email';
  if (facts.tokenRequired && !facts.hasToken) return 'token';
  if (facts.displayName === null) return 'display-name';
  return 'finish';
}
