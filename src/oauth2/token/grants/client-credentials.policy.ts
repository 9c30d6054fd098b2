import { Injectable } from '@nestjs/common';
import { PolicyEngine, type Requester, type Violation } from '../../../policy';
import { CLIENT_CREDENTIALS_GRANT_TYPE } from '../../../protocol/grant-types';
import type { ScopeToken } from '../../../scopes/scope';

/**
 * The `authorization_grant` policy for `client_credentials` (MAS runs it with `user: null`):
 * no Matrix scope, and `urn:mas:admin` only for clients in `policy.data.admin_clients`. The one
 * place the client credentials grant asks the policy engine.
 */
@Injectable()
export class ClientCredentialsPolicy {
  constructor(private readonly engine: PolicyEngine) {}

  async violations(
    scope: readonly ScopeToken[],
    clientId: string,
    requester: Requester,
  ): Promise<Violation[]> {
    const verdict = await this.engine.evaluateAuthorizationGrant({
      client: { id: clientId },
      scope,
      grantType: CLIENT_CREDENTIALS_GRANT_TYPE,
      requester,
    });
    return verdict.violations;
  }
}
