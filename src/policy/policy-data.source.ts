import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import {
  ConfigError,
  ExperimentalConfig,
  formatProblems,
  MatrixConfig,
  PolicyConfig,
} from '../config';
import { Clock } from '../core';
import { PolicyDataRepository } from '../storage/policy/policy-data.repository';
import { effectivePolicyData, staticPolicyDocument } from './policy-data/effective-policy-data';
import type { PolicyData } from './policy-data/policy-data';

/**
 * How long the active data is used before the newest `policy_data` id is looked up again. The
 * look-up is one primary-key index read (~0.7 ms through TypeORM, measured on PGlite and
 * PostgreSQL); the data itself is read, merged and
 * validated only when the id changed. MAS polls every minute; we answer within seconds.
 */
export const POLICY_DATA_TTL_MS = 5_000;

interface Active {
  /** The `policy_data` row merged in, or null for the static data alone. */
  version: string | null;
  data: PolicyData;
}

/**
 * The policy data in force: the static data merged with the newest valid dynamic data row.
 * Invalid static data stops the boot; an invalid dynamic row is logged once and ignored, so
 * the last good data stays in force (MAS keeps its data when `set_dynamic_data` fails).
 */
@Injectable()
export class PolicyDataSource implements OnModuleInit {
  private readonly logger = new Logger('PolicyData');
  private readonly staticDocument: Record<string, unknown>;
  private active: Active;
  private checkedAt = Number.NEGATIVE_INFINITY;
  private rejected: string | null = null;
  private inflight: Promise<PolicyData> | null = null;

  constructor(
    policy: PolicyConfig,
    matrix: MatrixConfig,
    experimental: ExperimentalConfig,
    private readonly rows: PolicyDataRepository,
    private readonly clock: Clock,
  ) {
    this.staticDocument = staticPolicyDocument({ policy, matrix, experimental });
    const check = effectivePolicyData(this.staticDocument, undefined);
    if (!check.ok) {
      throw new ConfigError(check.problems.map((p) => ({ ...p, path: `policy.data.${p.path}` })));
    }
    this.active = { version: null, data: check.data };
  }

  async onModuleInit(): Promise<void> {
    await this.current();
  }

  /** The static data alone (server name, session limit and `policy.data`), a JSON object. */
  staticData(): Record<string, unknown> {
    return structuredClone(this.staticDocument);
  }

  /**
   * Whether `dynamic` would be accepted as the dynamic data (merged over the static data and
   * validated), with the problems when not: for callers that store a new version.
   */
  check(dynamic: unknown): { ok: true } | { ok: false; problems: string } {
    const check = effectivePolicyData(this.staticDocument, dynamic);
    return check.ok ? { ok: true } : { ok: false, problems: formatProblems(check.problems) };
  }

  /** The data in force, re-checking the newest row at most every {@link POLICY_DATA_TTL_MS}. */
  current(): Promise<PolicyData> {
    if (this.clock.now().getTime() - this.checkedAt < POLICY_DATA_TTL_MS) {
      return Promise.resolve(this.active.data);
    }
    return this.reload();
  }

  /** Looks up the newest row now (after storing a new one); concurrent callers share one read. */
  reload(): Promise<PolicyData> {
    this.inflight ??= this.refresh().finally(() => {
      this.inflight = null;
    });
    return this.inflight;
  }

  private async refresh(): Promise<PolicyData> {
    try {
      const id = await this.rows.findNewestId();
      this.checkedAt = this.clock.now().getTime();
      if (id === null || id === this.active.version || id === this.rejected) {
        return this.active.data;
      }
      const row = await this.rows.findNewest();
      if (!row) return this.active.data;
      const check = effectivePolicyData(this.staticDocument, row.data);
      if (check.ok) {
        this.active = { version: row.id, data: check.data };
        this.logger.log(`loaded dynamic policy data ${row.id}`);
      } else {
        this.rejected = row.id;
        this.logger.warn(
          `ignoring invalid dynamic policy data ${row.id}, keeping ${this.active.version ?? 'the static data'}: ${formatProblems(check.problems)}`,
        );
      }
    } catch (error) {
      this.checkedAt = this.clock.now().getTime();
      this.logger.warn(
        `could not read the dynamic policy data, keeping the data in force: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
    return this.active.data;
  }
}
