import { Injectable, Logger } from '@nestjs/common';
import { Clock, Rng } from '../../core';
import { PolicyDataSource } from '../../policy';
import { PolicyDataRepository } from '../../storage/policy/policy-data.repository';
import { invalidBody, type JsonObject } from '../common/admin-body';
import { badRequest, notFound } from '../common/admin-error';
import { singleResponse } from '../common/envelope';
import { POLICY_DATA_KIND, policyDataAttributes } from './policy-data.view';

/**
 * The admin API's `/policy-data` (MAS admin/v1/policy_data/*): dynamic policy data, merged over
 * `policy.data` by the engine ([docs/policy.md]). Every set stores a new version, which is in
 * force at once in this process and within seconds in the others.
 */
@Injectable()
export class PolicyDataAdminService {
  private readonly logger = new Logger('PolicyData');

  constructor(
    private readonly clock: Clock,
    private readonly rng: Rng,
    private readonly rows: PolicyDataRepository,
    private readonly source: PolicyDataSource,
  ) {}

  /** `POST`: `{data}`; 400 when the engine would not accept it, storing nothing. */
  async set(body: JsonObject) {
    const data = body.data;
    if (data === undefined) throw invalidBody('missing field `data`');
    if (typeof data !== 'object' || data === null || Array.isArray(data)) {
      throw invalidBody('data: invalid type, expected a JSON object');
    }
    const check = this.source.check(data);
    if (!check.ok) {
      throw badRequest('Failed to instanciate policy with the provided data', check.problems);
    }
    const id = this.rng.ulid();
    await this.rows.add({ id, createdAt: this.clock.now(), data: data as Record<string, unknown> });
    await this.source.reload();
    this.logger.log(`dynamic policy data ${id} set through the admin API`);
    return this.get(id);
  }

  /** `GET /latest`: the version in force; 404 when none was ever set. */
  async latest() {
    const row = await this.rows.findNewest();
    if (!row) throw notFound('No policy data found');
    return singleResponse(POLICY_DATA_KIND, row.id, policyDataAttributes(row));
  }

  /** `GET /{id}`. */
  async get(id: string) {
    const row = await this.rows.findById(id);
    if (!row) throw notFound(`Policy data with ID ${id} not found`);
    return singleResponse(POLICY_DATA_KIND, row.id, policyDataAttributes(row));
  }
}
