import { Injectable } from '@nestjs/common';
import type { ClientMetadata } from '../client-registration/client-metadata';
import type { RegistrationViolation } from '../client-registration/violation';
import { ExperimentalConfig } from '../config';
import {
  authorizationGrantViolations,
  type AuthorizationGrantPolicyInput,
} from './authorization-grant/authorization-grant.policy';
import { clientRegistrationViolations } from './client-registration/client-registration.policy';
import {
  compatLoginViolations,
  type CompatLoginPolicyInput,
} from './compat-login/compat-login.policy';
import type { PolicyData } from './policy-data/policy-data';
import { emailViolations, type EmailPolicyInput } from './email/email.policy';
import { PolicyDataSource } from './policy-data.source';
import { registerViolations, type RegisterPolicyInput } from './register/register.policy';
import type { PolicyVerdict } from './violation';

/** What `evaluateCompatLogin` answers: the violations, and whether to evict instead. */
export interface CompatLoginVerdict extends PolicyVerdict {
  /**
   * Set when the only violation is the hard session limit of a password or token login and
   * `experimental.session_limit.dangerous_hard_limit_eviction` is on: end this many of the
   * least recently active compat sessions, then let the login through (MAS compat/login.rs).
   */
  hardLimitEviction: { needToRemove: number } | null;
}

/**
 * The policy engine: MAS's five policy entrypoints as pure TypeScript functions over the data
 * in force (static `policy.data` + dynamic `policy_data`). Allowed means no violations.
 */
@Injectable()
export class PolicyEngine {
  constructor(
    private readonly data: PolicyDataSource,
    private readonly experimental: ExperimentalConfig,
  ) {}

  /** The merged data the policies read now. */
  effectiveData(): Promise<PolicyData> {
    return this.data.current();
  }

  /** MAS `register/violation`. */
  async evaluateRegister(input: RegisterPolicyInput): Promise<PolicyVerdict> {
    return { violations: registerViolations(input, await this.data.current()) };
  }

  /** MAS `email/violation`. */
  async evaluateEmail(input: EmailPolicyInput): Promise<PolicyVerdict> {
    return { violations: emailViolations(input, await this.data.current()) };
  }

  /** MAS `client_registration/violation` on the metadata as sent (MSC2966). */
  async evaluateClientRegistration(input: {
    metadata: ClientMetadata;
  }): Promise<PolicyVerdict<RegistrationViolation>> {
    const data = await this.data.current();
    return {
      violations: clientRegistrationViolations({
        metadata: input.metadata,
        data: data.client_registration ?? {},
      }),
    };
  }

  /** MAS `authorization_grant/violation`. */
  async evaluateAuthorizationGrant(input: AuthorizationGrantPolicyInput): Promise<PolicyVerdict> {
    return { violations: authorizationGrantViolations(input, await this.data.current()) };
  }

  /** MAS `compat_login/violation`, plus the `dangerous_hard_limit_eviction` decision. */
  async evaluateCompatLogin(input: CompatLoginPolicyInput): Promise<CompatLoginVerdict> {
    const violations = compatLoginViolations(input, await this.data.current());
    const only = violations.length === 1 ? violations[0] : undefined;
    const evict =
      only?.code === 'too-many-sessions' &&
      only.need_to_remove !== undefined &&
      input.login.type !== 'm.login.sso' &&
      this.experimental.session_limit?.dangerous_hard_limit_eviction === true;
    return {
      violations,
      hardLimitEviction: evict ? { needToRemove: only.need_to_remove ?? 0 } : null,
    };
  }
}
