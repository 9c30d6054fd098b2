/** A job that carries nothing (the cleanup crons). */
export type NoPayload = Record<string, never>;

/**
 * The cleanup crons of MAS's retention table (inventory §9) for the tables mas-ts has, plus the
 * replay store of client assertions. `cleanup-queue-jobs` is pg-boss's own retention instead
 * (jobs-engine.ts).
 */
export const CLEANUP_QUEUES = [
  'cleanup-revoked-oauth-access-tokens',
  'cleanup-expired-oauth-access-tokens',
  'cleanup-revoked-oauth-refresh-tokens',
  'cleanup-consumed-oauth-refresh-tokens',
  'cleanup-finished-compat-sessions',
  'cleanup-finished-oauth2-sessions',
  'cleanup-finished-user-sessions',
  'cleanup-inactive-oauth2-session-ips',
  'cleanup-inactive-compat-session-ips',
  'cleanup-inactive-user-session-ips',
  'cleanup-oauth-authorization-grants',
  'cleanup-oauth-device-code-grants',
  'cleanup-upstream-oauth-sessions',
  'cleanup-upstream-oauth-links',
  'cleanup-user-registrations',
  'cleanup-user-recovery-sessions',
  'cleanup-user-email-authentications',
  'cleanup-client-assertion-jtis',
] as const;

export type CleanupQueue = (typeof CLEANUP_QUEUES)[number];

/** The payload of every job, by queue name (MAS's queue names, inventory §9). */
export interface JobPayloads extends Record<CleanupQueue, NoPayload> {
  /** Push the user's full device set to the homeserver (MAS `SyncDevicesJob`). */
  'sync-devices': { userId: string };
  /**
   * Push the user (email addresses, locked flag, display name when given) to the homeserver,
   * then sync their devices (MAS `ProvisionUserJob`).
   */
  'provision-user': { userId: string; displayName?: string; avatarUrl?: string };
  /** End everything of the user here, then deactivate them on the homeserver. */
  'deactivate-user': { userId: string; hsErase: boolean };
  /** Reactivate the user on the homeserver, then here. */
  'reactivate-user': { userId: string };
  /** Finish sessions inactive for `experimental.inactive_session_expiration.ttl`. */
  'expire-inactive-sessions': NoPayload;
  /**
   * Mail a recovery link to every account owning the address of a password recovery session
   * (MAS `SendAccountRecoveryEmailsJob`). The payload holds no address and no ticket.
   */
  'send-account-recovery-email': { recoverySessionId: string };
  /**
   * Mail a fresh 6-digit code for an email authentication (MAS
   * `SendEmailAuthenticationCodeJob`). The payload holds no code.
   */
  'send-email-authentication-code': { authenticationId: string; locale: string };
}

export type JobName = keyof JobPayloads;

/** How a queue retries a failed job (see retry-delay.ts and docs/jobs.md). */
export type RetryMode =
  /** Homeserver work: retried with capped exponential backoff for about four weeks. */
  | 'until-it-lands'
  /** Housekeeping: retried twice, then failed; the next scheduled run starts afresh. */
  | 'twice';

/** What the engine creates for a queue and how jobs of it are enqueued. */
export interface QueueDefinition<N extends JobName = JobName> {
  name: N;
  retry: RetryMode;
  /** A running job older than this is failed (and retried) by pg-boss's maintenance. */
  expireInSeconds: number;
  /**
   * Jobs with the same key are one job: at most one waits and one runs at a time (pg-boss's
   * `stately` policy). Without a function every job of the queue shares one key (the crons).
   */
  singletonKey?: (payload: JobPayloads[N]) => string;
}

const byUser = (payload: { userId: string }) => payload.userId;

/** Every queue, in the order the engine creates them. */
export const QUEUES: { [N in JobName]: QueueDefinition<N> } = {
  'sync-devices': {
    name: 'sync-devices',
    retry: 'until-it-lands',
    expireInSeconds: 120,
    singletonKey: byUser,
  },
  'provision-user': {
    name: 'provision-user',
    retry: 'until-it-lands',
    expireInSeconds: 120,
    // A job that sets a display name or avatar is not covered by one that does not.
    singletonKey: (p) =>
      p.displayName === undefined && p.avatarUrl === undefined
        ? p.userId
        : `${p.userId}/${p.displayName ?? ''}/${p.avatarUrl ?? ''}`,
  },
  'deactivate-user': {
    name: 'deactivate-user',
    retry: 'until-it-lands',
    // Synapse may take minutes to deactivate a large account (homeserver/synapse-http.ts).
    expireInSeconds: 600,
    // A deactivation that erases is not covered by one that does not.
    singletonKey: (p) => `${p.userId}/${p.hsErase ? 'erase' : 'keep'}`,
  },
  'reactivate-user': {
    name: 'reactivate-user',
    retry: 'until-it-lands',
    expireInSeconds: 120,
    singletonKey: byUser,
  },
  'expire-inactive-sessions': {
    name: 'expire-inactive-sessions',
    retry: 'twice',
    expireInSeconds: 600,
  },
  'send-account-recovery-email': {
    name: 'send-account-recovery-email',
    // Retried while the mail server is away; the handler stops sending after an hour
    // (RECOVERY_SESSION_SEND_WINDOW_MS), so a late retry completes without a mail.
    retry: 'until-it-lands',
    // Each mail is bounded by the SMTP timeouts (email/smtp-options.ts).
    expireInSeconds: 300,
    singletonKey: (p) => p.recoverySessionId,
  },
  'send-email-authentication-code': {
    name: 'send-email-authentication-code',
    // Retried while the mail server is away; after an hour the handler sends nothing
    // (EMAIL_AUTHENTICATION_WINDOW_MS).
    retry: 'until-it-lands',
    expireInSeconds: 300,
    // A resend while one mail still waits is that mail.
    singletonKey: (p) => p.authenticationId,
  },
  ...(Object.fromEntries(
    CLEANUP_QUEUES.map((name) => [name, { name, retry: 'twice', expireInSeconds: 600 }]),
  ) as { [N in CleanupQueue]: QueueDefinition<N> }),
};

/** Every queue name. */
export const JOB_NAMES = Object.keys(QUEUES) as JobName[];
