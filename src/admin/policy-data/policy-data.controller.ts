import { Get, HttpCode, Param, Post } from '@nestjs/common';
import { AdminJsonBody, type JsonObject } from '../common/admin-body';
import { AdminController } from '../common/admin-route';
import { ApiOne, object } from '../common/api-docs';
import { UlidParamPipe } from '../common/ulid-param.pipe';
import { PolicyDataAdminService } from './policy-data-admin.service';
import { POLICY_DATA_SCHEMA as SCHEMA } from './policy-data.view';

const TAG = 'policy-data';

/** MAS admin/v1/policy_data/*. */
@AdminController('policy-data')
export class PolicyDataController {
  constructor(private readonly policyData: PolicyDataAdminService) {}

  @Post()
  @HttpCode(201)
  @ApiOne(TAG, 'setPolicyData', 'Set the current policy data', SCHEMA, {
    status: 201,
    path: null,
    body: object({ data: { type: 'object' } }, ['data']),
    errors: [[400, 'Invalid policy data']],
  })
  set(@AdminJsonBody() body: JsonObject) {
    return this.policyData.set(body);
  }

  @Get('latest')
  @ApiOne(TAG, 'getLatestPolicyData', 'Get the latest policy data', SCHEMA, {
    path: null,
    errors: [[404, 'No policy data found']],
  })
  latest() {
    return this.policyData.latest();
  }

  @Get(':id')
  @ApiOne(TAG, 'getPolicyData', 'Get policy data by its ID', SCHEMA)
  get(@Param('id', UlidParamPipe) id: string) {
    return this.policyData.get(id);
  }
}
