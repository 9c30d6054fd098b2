import type { PolicyConfig } from '../../config';
import { DEVICE_CODE_GRANT_TYPE } from '../../protocol/grant-types';
import { scopeViolations } from '../../policy/authorization-grant/scope.rules';
import type { Violation } from '../../policy/authorization-grant/violation';
import type { ScopeToken } from '../../scopes/scope';

/**
 * The `authorization_grant` policy for device authorization grants (MAS runs it with
 * `grant_type=urn:ietf:params:oauth:grant-type:device_code`). The one place the device flow
 * asks the policy.
 */
export const DeviceGrantPolicy = {
  /**
   * At the device authorization request (RFC 8628 §3.1), before anyone signed in: only the
   * rules that do not depend on the person (known scopes, device ids, no mixed namespaces).
   */
  requestViolations(scope: readonly ScopeToken[], clientId: string): Violation[] {
    return scopeViolations({
      scope,
      grantType: DEVICE_CODE_GRANT_TYPE,
      clientId,
      // Judged as for an administrator, so only person-independent rules can refuse here.
      user: { username: '', canRequestAdmin: true },
      adminUsers: [],
      adminClients: [],
    });
  },

  /** At consent (MAS `/device/{id}`): every rule, for the signed-in person. */
  consentViolations(
    scope: readonly ScopeToken[],
    clientId: string,
    user: { username: string; canRequestAdmin: boolean },
    policy: PolicyConfig,
  ): Violation[] {
    return scopeViolations({
      scope,
      grantType: DEVICE_CODE_GRANT_TYPE,
      clientId,
      user,
      adminUsers: policy.data.admin_users ?? [],
      adminClients: policy.data.admin_clients ?? [],
    });
  },
};
