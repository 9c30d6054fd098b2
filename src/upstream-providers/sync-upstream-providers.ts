import type { DataSource } from 'typeorm';
import type { MasConfig } from '../config';
import { type Clock, DecryptionError, Encrypter } from '../core';
import { TransactionRunner } from '../database/transaction';
import type { UpstreamOAuthProviderEntity } from '../storage/upstream/upstream-oauth-provider.entity';
import { UpstreamOAuthProviderRepository } from '../storage/upstream/upstream-oauth-provider.repository';
import { desiredProvider, type DesiredProvider } from './provider-row';

export interface ProviderSyncOptions {
  /** Delete providers that are disabled and no longer enabled in the configuration. */
  prune: boolean;
  /** Compute and report, change nothing. */
  dryRun: boolean;
}

/** What a sync did (or, on a dry run, would do) to each provider id. */
export interface ProviderSyncPlan {
  create: string[];
  update: string[];
  /** Disabled in the database, enabled again because the configuration has them. */
  enable: string[];
  unchanged: string[];
  /** Enabled in the database but missing from (or disabled in) the configuration. */
  disable: string[];
  /** Disabled and not enabled in the configuration: deleted with --prune, kept otherwise. */
  stale: string[];
}

export class ProviderSyncReport {
  constructor(
    readonly plan: ProviderSyncPlan,
    readonly options: ProviderSyncOptions,
  ) {}

  summary() {
    return {
      created: this.plan.create.length,
      updated: this.plan.update.length,
      enabled: this.plan.enable.length,
      unchanged: this.plan.unchanged.length,
      disabled: this.plan.disable.length,
      [this.options.prune ? 'removed' : 'stale']: this.plan.stale.length,
      dry_run: this.options.dryRun,
    };
  }

  /** One line per change, for `config sync` output. */
  lines(): string[] {
    const verb = (past: string, future: string) => (this.options.dryRun ? future : past);
    const p = this.plan;
    return [
      ...p.create.map((id) => `${verb('created', 'would create')} upstream provider ${id}`),
      ...p.update.map((id) => `${verb('updated', 'would update')} upstream provider ${id}`),
      ...p.enable.map((id) => `${verb('enabled', 'would enable')} upstream provider ${id}`),
      ...p.disable.map(
        (id) =>
          `${verb('disabled', 'would disable')} upstream provider ${id}: no longer enabled in the configuration`,
      ),
      ...p.stale.map((id) =>
        this.options.prune
          ? `${verb('removed', 'would remove')} upstream provider ${id} with its links`
          : `upstream provider ${id} is disabled (kept; use --prune to remove it)`,
      ),
    ];
  }
}

function canonical(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Date)
      ? Object.fromEntries(
          Object.entries(v as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b)),
        )
      : v,
  );
}

function storedSecret(row: UpstreamOAuthProviderEntity, encrypter: Encrypter): string | null {
  if (!row.encryptedClientSecret) return null;
  try {
    return encrypter.decryptString(row.encryptedClientSecret);
  } catch (error) {
    // Under another encryption key the stored secret is unreadable: treat as changed.
    if (!(error instanceof DecryptionError)) throw error;
    return '\u0000unreadable';
  }
}

function same(desired: DesiredProvider, row: UpstreamOAuthProviderEntity, encrypter: Encrypter) {
  const { createdAt: _c, disabledAt: _d, encryptedClientSecret: _e, ...stored } = row;
  return (
    canonical(desired.row) === canonical(stored) && desired.secret === storedSecret(row, encrypter)
  );
}

/**
 * Makes `upstream_oauth_providers` follow `upstream_oauth2.providers` in one transaction (MAS
 * crates/cli/src/sync.rs): enabled providers of the config are created or overwritten (and
 * enabled again), with `ui_order` their position; providers enabled in the database but not in
 * the config are disabled; with `prune`, disabled providers the config does not enable are
 * deleted with their links and authorization sessions. Secrets are stored encrypted with
 * `secrets.encryption`.
 */
export async function syncUpstreamProviders(
  dataSource: DataSource,
  config: MasConfig,
  clock: Clock,
  options: ProviderSyncOptions,
): Promise<ProviderSyncReport> {
  const repo = new UpstreamOAuthProviderRepository(dataSource);
  const encrypter = new Encrypter(config.secrets.encryptionKey());
  const desired = config.upstream_oauth2.providers
    .map((p, index) => ({ p, index }))
    .filter(({ p }) => p.enabled)
    .map(({ p, index }) => desiredProvider(p, index));
  const wanted = new Set(desired.map((d) => d.row.id));

  return new TransactionRunner(dataSource).run(async (tx) => {
    const now = clock.now();
    const stored = new Map((await repo.listAll(tx)).map((row) => [row.id, row]));
    const plan: ProviderSyncPlan = {
      create: [],
      update: [],
      enable: [],
      unchanged: [],
      disable: [],
      stale: [],
    };
    for (const row of stored.values()) {
      if (wanted.has(row.id)) continue;
      if (row.disabledAt === null) plan.disable.push(row.id);
      plan.stale.push(row.id);
    }
    for (const d of desired) {
      const row = stored.get(d.row.id);
      if (!row) plan.create.push(d.row.id);
      else if (row.disabledAt !== null) plan.enable.push(d.row.id);
      else if (same(d, row, encrypter)) plan.unchanged.push(d.row.id);
      else plan.update.push(d.row.id);
    }
    const report = new ProviderSyncReport(plan, options);
    if (options.dryRun) return report;

    for (const id of plan.disable) await repo.disable(id, now, tx);
    if (options.prune) for (const id of plan.stale) await repo.delete(id, tx);
    const write = new Set([...plan.create, ...plan.update, ...plan.enable]);
    for (const d of desired.filter((x) => write.has(x.row.id))) {
      const encryptedClientSecret = d.secret === null ? null : encrypter.encrypt(d.secret);
      await repo.upsert({ ...d.row, encryptedClientSecret }, now, tx);
    }
    return report;
  });
}
