import { requesterViolations, type Requester } from '../common/requester';
import { matchesStringConstraints } from '../common/string-constraints';
import type { PolicyData } from '../policy-data/policy-data';
import { emailViolations } from '../email/email.policy';
import type { Violation } from '../violation';

export type RegistrationMethod = 'password' | 'upstream-oauth2';

/** MAS `policies/schema/register_input.json`. */
export interface RegisterPolicyInput {
  registrationMethod: RegistrationMethod;
  username: string;
  email?: string | null;
  requester: Requester;
}

/** A Matrix user id is at most 255 characters (Matrix spec, "User Identifiers"). */
const MAX_MXID_LENGTH = 255;
const METHODS: readonly string[] = ['password', 'upstream-oauth2'];

function usernameViolations(username: string, data: PolicyData): Violation[] {
  const out: Violation[] = [];
  const v = (code: Violation['code'], msg: string) => out.push({ field: 'username', code, msg });
  if (username.length === 0) v('username-too-short', 'username too short');
  // rego `count` on a string counts code points.
  if ([...`@${username}:${data.server_name}`].length > MAX_MXID_LENGTH) {
    v('username-too-long', 'username too long');
  }
  if (/^[0-9]+$/.test(username)) {
    v('username-all-numeric', 'username must contain at least one non-numeric character');
  }
  // Matrix spec "User Identifiers": the historical-free localpart grammar.
  if (!/^[a-z0-9.=_/+-]+$/.test(username)) {
    v('username-invalid-chars', 'username contains invalid characters');
  }
  if (matchesStringConstraints(username, data.registration?.banned_usernames)) {
    v('username-banned', 'username is banned');
  }
  const allowed = data.registration?.allowed_usernames;
  if (allowed && !matchesStringConstraints(username, allowed)) {
    v('username-not-allowed', 'username is not allowed');
  }
  return out;
}

/**
 * MAS `register/violation`: the username rules, a known registration method, requester bans,
 * and the email policy on the email (if any), its violations tagged `field: email`.
 */
export function registerViolations(input: RegisterPolicyInput, data: PolicyData): Violation[] {
  const violations = usernameViolations(input.username, data);
  if (!METHODS.includes(input.registrationMethod)) {
    violations.push({ msg: 'unknown registration method' });
  }
  violations.push(...requesterViolations(input.requester, data.requester));
  if (input.email) {
    for (const v of emailViolations({ email: input.email, requester: input.requester }, data)) {
      violations.push({ field: 'email', ...v });
    }
  }
  return violations;
}
