import { requesterViolations, type Requester } from '../common/requester';
import {
  passesSessionThreshold,
  tooManySessions,
  type SessionCounts,
} from '../common/session-limit';
import type { PolicyData } from '../policy-data/policy-data';
import type { Violation } from '../violation';

export type CompatLoginType = 'm.login.sso' | 'm.login.token' | 'm.login.password';

/** MAS `policies/schema/compat_login_input.json`. */
export interface CompatLoginPolicyInput {
  user: { id: string; username: string };
  login: { type: CompatLoginType };
  /** The login reuses a device that already has a session, so no session is added. */
  sessionReplaced: boolean;
  sessionCounts: SessionCounts;
  requester: Requester;
}

/**
 * MAS `compat_login/violation`: requester bans, and the session limit. Only `m.login.sso`
 * (the web page, where sessions can be removed by hand) is held to `soft_limit`;
 * `m.login.password` and `m.login.token` are held to `hard_limit`. A login that replaces a
 * session adds none and is never limited.
 */
export function compatLoginViolations(
  input: CompatLoginPolicyInput,
  data: PolicyData,
): Violation[] {
  const violations: Violation[] = requesterViolations(input.requester, data.requester);
  const limit = data.session_limit;
  if (limit && !input.sessionReplaced && passesSessionThreshold(limit, input.sessionCounts)) {
    const counts = input.sessionCounts;
    if (input.login.type === 'm.login.sso') {
      if (limit.soft_limit <= counts.total) {
        violations.push(
          tooManySessions(
            'user has too many active sessions (soft limit)',
            counts,
            limit.soft_limit,
          ),
        );
      }
    } else if (limit.hard_limit <= counts.total) {
      violations.push(
        tooManySessions('user has too many active sessions (hard limit)', counts, limit.hard_limit),
      );
    }
  }
  return violations;
}
