import type { PolicyConfig } from '../../../config';
import { scopeViolations } from '../../../policy/authorization-grant/scope.rules';
import type { Violation } from '../../../policy/authorization-grant/violation';
import { CLIENT_CREDENTIALS_GRANT_TYPE } from '../../../protocol/grant-types';
import type { ScopeToken } from '../../../scopes/scope';

/**
 * The `authorization_grant` policy for `client_credentials` (MAS runs it with `user: null`):
 * no Matrix scope, and `urn:mas:admin` only for clients in `policy.data.admin_clients`. The one
 * place the client credentials grant asks the policy.
 */
export function clientCredentialsViolations(
  scope: readonly ScopeToken[],
  clientId: string,
  policy: PolicyConfig,
): Violation[] {
  return scopeViolations({
    scope,
    grantType: CLIENT_CREDENTIALS_GRANT_TYPE,
    clientId,
    adminUsers: policy.data.admin_users ?? [],
    adminClients: policy.data.admin_clients ?? [],
  });
}
