import { Injectable, Logger } from '@nestjs/common';
import { MatrixConfig } from '../config';
import { HomeserverConnection } from '../homeserver';
import { PolicyEngine } from '../policy';
import type { Requester } from '../policy/common/requester';
import type { Violation } from '../policy/violation';
import { UserRepository } from '../storage/users/user.repository';
import { usernameProblem } from '../users/username';

/** Why a username cannot be registered; the page shows one message per reason. */
export type UsernameRefusal =
  | 'required'
  /** One of the `register` policy's `username-*` codes. */
  | 'username-too-short'
  | 'username-too-long'
  | 'username-invalid-chars'
  | 'username-all-numeric'
  | 'username-banned'
  | 'username-not-allowed'
  /** A local account has it (in any letter case). */
  | 'taken'
  /** The homeserver refused it (`is_localpart_available`): in use there, reserved or invalid. */
  | 'unavailable'
  /** The homeserver could not be asked. */
  | 'homeserver_error';

export type UsernameVerdict = { ok: true } | { ok: false; reason: UsernameRefusal };

/** The verdict on the username and the policy's violations for the other fields. */
export interface RegisterPolicyOutcome {
  username: UsernameVerdict;
  /** The `email` violations of the `register` policy (`field: email`), as codes. */
  email: string[];
  /** Violations of no field (a banned requester): the whole registration is refused. */
  denied: boolean;
}

/**
 * Whether a username can be registered (MAS views/register/password.rs): the localpart
 * grammar, the `register` policy, no local account with it, and the homeserver's
 * `is_localpart_available`. Whether a username is taken is disclosed by design: a person
 * choosing one must learn that; nothing else about the account is.
 */
@Injectable()
export class UsernameAvailability {
  private readonly logger = new Logger('registration');

  constructor(
    private readonly users: UserRepository,
    private readonly homeserver: HomeserverConnection,
    private readonly policy: PolicyEngine,
    private readonly matrix: MatrixConfig,
  ) {}

  /** The `register` policy and the availability checks for `username` (and `email`). */
  async check(
    username: string,
    requester: Requester,
    email: string | null = null,
  ): Promise<RegisterPolicyOutcome> {
    if (username === '') {
      const rest = await this.policyViolations('', requester, email);
      return {
        username: { ok: false, reason: 'required' },
        email: emailCodes(rest),
        denied: isDenied(rest),
      };
    }
    const violations = await this.policyViolations(username, requester, email);
    const outcome = { email: emailCodes(violations), denied: isDenied(violations) };
    const policyRefusal = violations.find((v) => v.field === 'username')?.code;
    if (policyRefusal !== undefined) {
      return { ...outcome, username: { ok: false, reason: policyRefusal as UsernameRefusal } };
    }
    if (usernameProblem(username, this.matrix.homeserver) !== null) {
      return { ...outcome, username: { ok: false, reason: 'username-invalid-chars' } };
    }
    return { ...outcome, username: await this.available(username) };
  }

  /** The local and homeserver checks only (the grammar and the policy passed). */
  async available(username: string): Promise<UsernameVerdict> {
    if (await this.users.isUsernameTaken(username)) return { ok: false, reason: 'taken' };
    try {
      const answer = await this.homeserver.isLocalpartAvailable(username);
      return answer.available ? { ok: true } : { ok: false, reason: 'unavailable' };
    } catch (error) {
      this.logger.warn(`is_localpart_available failed: ${String(error)}`);
      return { ok: false, reason: 'homeserver_error' };
    }
  }

  private async policyViolations(
    username: string,
    requester: Requester,
    email: string | null,
  ): Promise<Violation[]> {
    const verdict = await this.policy.evaluateRegister({
      registrationMethod: 'password',
      username,
      email,
      requester,
    });
    return verdict.violations;
  }
}

function emailCodes(violations: Violation[]): string[] {
  return violations.filter((v) => v.field === 'email').map((v) => v.code ?? 'email-not-allowed');
}

function isDenied(violations: Violation[]): boolean {
  return violations.some((v) => v.field === undefined);
}
