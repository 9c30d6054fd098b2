import { Injectable } from '@nestjs/common';
import { PolicyDataUpdates } from '../../policy';
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
  constructor(
    private readonly rows: PolicyDataRepository,
    private readonly updates: PolicyDataUpdates,
  ) {}

  /** `POST`: `{data}`; 400 when the engine would not accept it, storing nothing. */
  async set(body: JsonObject) {
    const data = body.data;
    if (data === undefined) throw invalidBody('missing field `data`');
    const update = await this.updates.set(data, 'the admin API');
    if (update.ok) return this.get(update.id);
    if (update.reason === 'not_an_object') {
      throw invalidBody('data: invalid type, expected a JSON object');
    }
    throw badRequest('Failed to instanciate policy with the provided data', update.problems);
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
