import type { DataSource } from 'typeorm';
import type { ClientConfig, MasConfig } from '../config';
import { DecryptionError, Encrypter } from '../core';
import type { OAuth2ClientEntity } from '../storage/oauth2/oauth2-client.entity';
import { StaticClientRepository } from '../storage/oauth2/static-client.repository';
import { planStaticClientSync, type DesiredClient, type SyncPlan } from './static-client-plan';

export interface SyncOptions {
  /** Delete static clients that are no longer in the configuration. */
  prune: boolean;
  /** Compute and report, change nothing. */
  dryRun: boolean;
}

export class SyncReport {
  constructor(
    readonly plan: SyncPlan,
    readonly options: SyncOptions,
    /** Client ids in the config that exist as dynamically registered clients (skipped). */
    readonly conflicts: string[],
  ) {}

  summary() {
    return {
      created: this.plan.create.length,
      updated: this.plan.update.length,
      unchanged: this.plan.unchanged.length,
      [this.options.prune ? 'removed' : 'stale']: this.plan.stale.length,
      dry_run: this.options.dryRun,
    };
  }

  /** One line per change, for `config sync` output. */
  lines(): string[] {
    const verb = (past: string, future: string) => (this.options.dryRun ? future : past);
    return [
      ...this.plan.create.map((c) => `${verb('created', 'would create')} client ${c.id}`),
      ...this.plan.update.map((c) => `${verb('updated', 'would update')} client ${c.id}`),
      ...this.plan.stale.map((id) =>
        this.options.prune
          ? `${verb('removed', 'would remove')} client ${id}`
          : `client ${id} is no longer in the configuration (kept; use --prune to remove it)`,
      ),
      ...this.conflicts.map(
        (id) => `skipped client ${id}: a dynamically registered client has this id`,
      ),
    ];
  }
}

function desiredFromConfig(client: ClientConfig): DesiredClient {
  return {
    id: client.client_id,
    secret: client.clientSecret() ?? null,
    tokenEndpointAuthMethod: client.client_auth_method,
    clientName: client.client_name ?? null,
    clientUri: client.client_uri ?? null,
    redirectUris: client.redirectUris(),
    jwks: client.jwks ?? null,
    jwksUri: client.jwks_uri ?? null,
  };
}

function desiredFromRow(row: OAuth2ClientEntity, encrypter: Encrypter): DesiredClient {
  let secret: string | null = null;
  if (row.encryptedClientSecret) {
    try {
      secret = encrypter.decryptString(row.encryptedClientSecret);
    } catch (error) {
      // Under another encryption key the stored secret is unreadable: treat as changed.
      if (!(error instanceof DecryptionError)) throw error;
      secret = '\u0000unreadable';
    }
  }
  return {
    id: row.id,
    secret,
    tokenEndpointAuthMethod: row.tokenEndpointAuthMethod ?? 'none',
    clientName: row.clientName,
    clientUri: row.clientUri,
    redirectUris: row.redirectUris,
    jwks: row.jwks ?? null,
    jwksUri: row.jwksUri,
  };
}

/**
 * Makes the static clients in the database match `clients:` of the configuration, in one
 * transaction (MAS `config sync`). Secrets are stored encrypted with `secrets.encryption`.
 */
export async function syncStaticClients(
  dataSource: DataSource,
  config: MasConfig,
  options: SyncOptions,
): Promise<SyncReport> {
  const repo = new StaticClientRepository(dataSource);
  const encrypter = new Encrypter(config.secrets.encryptionKey());
  return repo.transaction(async (manager) => {
    const configured = config.clients.map(desiredFromConfig);
    const conflicts = await repo.dynamicAmong(
      configured.map((c) => c.id),
      manager,
    );
    const desired = configured.filter((c) => !conflicts.includes(c.id));
    const stored = (await repo.listStatic(manager)).map((row) => desiredFromRow(row, encrypter));
    const plan = planStaticClientSync(desired, stored);
    const report = new SyncReport(plan, options, conflicts);
    if (options.dryRun) return report;
    for (const client of [...plan.create, ...plan.update]) {
      await repo.upsert(
        {
          ...client,
          encryptedClientSecret: client.secret === null ? null : encrypter.encrypt(client.secret),
        },
        manager,
      );
    }
    if (options.prune) await repo.deleteStatic(plan.stale, manager);
    return report;
  });
}
