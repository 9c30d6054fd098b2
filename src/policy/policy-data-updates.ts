import { Injectable, Logger } from '@nestjs/common';
import { Clock, Rng } from '../core';
import { PolicyDataRepository } from '../storage/policy/policy-data.repository';
import { PolicyDataSource } from './policy-data.source';

/** What storing new dynamic policy data did. */
export type PolicyDataUpdate =
  | { ok: true; id: string }
  /** Not a JSON object: nothing was checked or stored. */
  | { ok: false; reason: 'not_an_object' }
  /** The engine refused it (merged over the static data); nothing was stored. */
  | { ok: false; reason: 'rejected'; problems: string };

/**
 * Stores a new version of the dynamic policy data (MAS admin/v1/policy_data/set.rs) once the
 * engine accepts it, and puts it in force at once in this process (within
 * `POLICY_DATA_TTL_MS` in the others). Shared by the admin API and the admin pages.
 */
@Injectable()
export class PolicyDataUpdates {
  private readonly logger = new Logger('PolicyData');

  constructor(
    private readonly clock: Clock,
    private readonly rng: Rng,
    private readonly rows: PolicyDataRepository,
    private readonly source: PolicyDataSource,
  ) {}

  /** `by` names who set it, for the log line (`the admin API`, `the admin pages`). */
  async set(data: unknown, by: string): Promise<PolicyDataUpdate> {
    if (typeof data !== 'object' || data === null || Array.isArray(data)) {
      return { ok: false, reason: 'not_an_object' };
    }
    const check = this.source.check(data);
    if (!check.ok) return { ok: false, reason: 'rejected', problems: check.problems };
    const id = this.rng.ulid();
    await this.rows.add({ id, createdAt: this.clock.now(), data: data as Record<string, unknown> });
    await this.source.reload();
    this.logger.log(`dynamic policy data ${id} set through ${by}`);
    return { ok: true, id };
  }
}
