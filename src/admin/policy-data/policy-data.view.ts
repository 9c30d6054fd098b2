import type { PolicyDataEntity } from '../../storage/policy/policy-data.entity';
import { DATE_TIME, object } from '../common/api-docs';
import { ADMIN_API_BASE, type ResourceKind } from '../common/envelope';

/** MAS admin/model.rs `PolicyData`. */
export const POLICY_DATA_KIND: ResourceKind = {
  type: 'policy-data',
  path: `${ADMIN_API_BASE}/policy-data`,
};

export function policyDataAttributes(row: PolicyDataEntity) {
  return { created_at: row.createdAt.toISOString(), data: row.data };
}

export const POLICY_DATA_SCHEMA = object({ created_at: DATE_TIME, data: { type: 'object' } }, [
  'created_at',
  'data',
]);
