import { Clock } from '../../core';
import type { AccountFlowRetentionRepository } from '../../storage/retention/account-flow-retention.repository';
import type { OAuth2RetentionRepository } from '../../storage/retention/oauth2-retention.repository';
import type { SessionRetentionRepository } from '../../storage/retention/session-retention.repository';
import type { CleanupQueue } from '../job-definitions';
import type { JobHandler, JobOutput } from '../job-handler';

/** The repositories the cleanup jobs delete through. */
export interface RetentionStores {
  oauth2: OAuth2RetentionRepository;
  sessions: SessionRetentionRepository;
  flows: AccountFlowRetentionRepository;
}

/** One cleanup cron: when it runs, how long rows are kept, and the batch that removes them. */
export interface CleanupDefinition {
  queue: CleanupQueue;
  /** 5-field cron, UTC. */
  schedule: string;
  /** Rows are kept this long after the time the batch compares with. */
  retentionMs: number;
  purge(stores: RetentionStores, cutoff: Date, limit: number): Promise<number>;
}

const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;

/**
 * MAS's cleanup crons and retention (docs/development/cleanup-jobs.md, inventory §9), spread
 * over the hour as MAS does, plus the client assertion replay store. pg-boss's own maintenance
 * stands in for `cleanup-queue-jobs` (jobs-engine.ts).
 */
export const CLEANUPS: readonly CleanupDefinition[] = [
  {
    queue: 'cleanup-revoked-oauth-access-tokens',
    schedule: '0 * * * *',
    retentionMs: HOUR,
    purge: (s, c, n) => s.oauth2.deleteRevokedAccessTokens(c, n),
  },
  {
    queue: 'cleanup-revoked-oauth-refresh-tokens',
    schedule: '5 * * * *',
    retentionMs: HOUR,
    purge: (s, c, n) => s.oauth2.deleteRevokedRefreshTokens(c, n),
  },
  {
    queue: 'cleanup-consumed-oauth-refresh-tokens',
    schedule: '5 * * * *',
    retentionMs: HOUR,
    purge: (s, c, n) => s.oauth2.deleteConsumedRefreshTokens(c, n),
  },
  {
    queue: 'cleanup-expired-oauth-access-tokens',
    schedule: '5 */4 * * *',
    retentionMs: 30 * DAY,
    purge: (s, c, n) => s.oauth2.deleteExpiredAccessTokens(c, n),
  },
  {
    queue: 'cleanup-finished-compat-sessions',
    schedule: '10 * * * *',
    retentionMs: 30 * DAY,
    purge: (s, c, n) => s.sessions.deleteFinishedCompatSessions(c, n),
  },
  {
    queue: 'cleanup-finished-oauth2-sessions',
    schedule: '15 * * * *',
    retentionMs: 30 * DAY,
    purge: (s, c, n) => s.oauth2.deleteFinishedSessions(c, n),
  },
  {
    queue: 'cleanup-finished-user-sessions',
    schedule: '20 * * * *',
    retentionMs: 30 * DAY,
    purge: (s, c, n) => s.sessions.deleteFinishedUserSessions(c, n),
  },
  {
    queue: 'cleanup-inactive-oauth2-session-ips',
    schedule: '25 * * * *',
    retentionMs: 30 * DAY,
    purge: (s, c, n) => s.sessions.clearInactiveIps('oauth2', c, n),
  },
  {
    queue: 'cleanup-inactive-compat-session-ips',
    schedule: '25 * * * *',
    retentionMs: 30 * DAY,
    purge: (s, c, n) => s.sessions.clearInactiveIps('compat', c, n),
  },
  {
    queue: 'cleanup-inactive-user-session-ips',
    schedule: '25 * * * *',
    retentionMs: 30 * DAY,
    purge: (s, c, n) => s.sessions.clearInactiveIps('user', c, n),
  },
  {
    queue: 'cleanup-oauth-authorization-grants',
    schedule: '30 * * * *',
    retentionMs: 7 * DAY,
    purge: (s, c, n) => s.oauth2.deleteAuthorizationGrants(c, n),
  },
  {
    queue: 'cleanup-oauth-device-code-grants',
    schedule: '35 * * * *',
    retentionMs: 7 * DAY,
    purge: (s, c, n) => s.oauth2.deleteDeviceCodeGrants(c, n),
  },
  {
    queue: 'cleanup-upstream-oauth-sessions',
    schedule: '40 * * * *',
    retentionMs: 7 * DAY,
    purge: (s, c, n) => s.flows.deleteOrphanedUpstreamSessions(c, n),
  },
  {
    queue: 'cleanup-upstream-oauth-links',
    schedule: '40 * * * *',
    retentionMs: 7 * DAY,
    purge: (s, c, n) => s.flows.deleteOrphanedUpstreamLinks(c, n),
  },
  {
    queue: 'cleanup-user-registrations',
    schedule: '45 * * * *',
    retentionMs: 30 * DAY,
    purge: (s, c, n) => s.flows.deleteRegistrations(c, n),
  },
  {
    queue: 'cleanup-user-recovery-sessions',
    schedule: '50 * * * *',
    retentionMs: 7 * DAY,
    purge: (s, c, n) => s.flows.deleteRecoverySessions(c, n),
  },
  {
    queue: 'cleanup-user-email-authentications',
    schedule: '50 * * * *',
    retentionMs: 7 * DAY,
    purge: (s, c, n) => s.flows.deleteEmailAuthentications(c, n),
  },
  {
    queue: 'cleanup-client-assertion-jtis',
    schedule: '55 * * * *',
    retentionMs: 0,
    purge: (s, c, n) => s.oauth2.deleteExpiredClientAssertionJtis(c, n),
  },
];

/** Rows per batch: each batch is its own short statement. */
export const CLEANUP_BATCH_SIZE = 1000;
/** Batches per run; whatever is left waits for the next run. */
export const CLEANUP_MAX_BATCHES = 100;

/** Runs one cleanup definition: batches until one comes back short, bounded per run. */
export class CleanupJob implements JobHandler<CleanupQueue> {
  readonly queue: CleanupQueue;
  readonly schedule: string;

  constructor(
    private readonly definition: CleanupDefinition,
    private readonly stores: RetentionStores,
    private readonly clock: Clock,
    private readonly batchSize = CLEANUP_BATCH_SIZE,
  ) {
    this.queue = definition.queue;
    this.schedule = definition.schedule;
  }

  async run(): Promise<JobOutput> {
    const cutoff = new Date(this.clock.now().getTime() - this.definition.retentionMs);
    let removed = 0;
    for (let batch = 0; batch < CLEANUP_MAX_BATCHES; batch++) {
      const n = await this.definition.purge(this.stores, cutoff, this.batchSize);
      removed += n;
      if (n < this.batchSize) break;
    }
    return { removed, cutoff: cutoff.toISOString() };
  }
}
