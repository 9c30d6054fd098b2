import { Injectable } from '@nestjs/common';
import { PolicyEngine, SessionCounter, type Requester, type Violation } from '../../policy';
import { DEVICE_CODE_GRANT_TYPE } from '../../protocol/grant-types';
import type { ScopeToken } from '../../scopes/scope';

/**
 * The `authorization_grant` policy for device authorization grants (MAS runs it with
 * `grant_type=urn:ietf:params:oauth:grant-type:device_code`). The one place the device flow
 * asks the policy engine.
 */
@Injectable()
export class DeviceGrantPolicy {
  constructor(
    private readonly engine: PolicyEngine,
    private readonly sessions: SessionCounter,
  ) {}

  /**
   * At the device authorization request (RFC 8628 §3.1), before anyone signed in: only the
   * rules that do not depend on the person (known scopes, device ids, no mixed namespaces,
   * requester bans).
   */
  async requestViolations(
    scope: readonly ScopeToken[],
    clientId: string,
    requester: Requester,
  ): Promise<Violation[]> {
    const { violations } = await this.engine.evaluateAuthorizationGrant({
      // Judged as for an administrator, so only person-independent rules can refuse here.
      user: { id: '', username: '', canRequestAdmin: true },
      client: { id: clientId },
      scope,
      grantType: DEVICE_CODE_GRANT_TYPE,
      requester,
    });
    return violations;
  }

  /**
   * At consent (MAS `/device/{id}`): every rule for the signed-in person, the session limit
   * included (`too-many-sessions`, which the page lets them lift).
   */
  async consentViolations(
    scope: readonly ScopeToken[],
    clientId: string,
    user: { id: string; username: string; canRequestAdmin: boolean },
    requester: Requester,
  ): Promise<Violation[]> {
    const { violations } = await this.engine.evaluateAuthorizationGrant({
      user,
      client: { id: clientId },
      scope,
      grantType: DEVICE_CODE_GRANT_TYPE,
      requester,
      sessionCounts: await this.sessions.countForLimiting(user.id),
    });
    return violations;
  }
}
