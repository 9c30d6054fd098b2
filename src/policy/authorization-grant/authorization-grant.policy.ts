import type { ScopeToken } from '../../scopes/scope';
import { requesterViolations, type Requester } from '../common/requester';
import {
  passesSessionThreshold,
  tooManySessions,
  type SessionCounts,
} from '../common/session-limit';
import type { PolicyData } from '../policy-data/policy-data';
import type { Violation } from '../violation';
import { scopeViolations, type GrantType } from './scope.rules';

/** MAS `policies/schema/authorization_grant_input.json`. */
export interface AuthorizationGrantPolicyInput {
  /** Absent for grants without a person (client_credentials). */
  user?: { id: string; username: string; canRequestAdmin: boolean };
  client: { id: string };
  scope: readonly ScopeToken[];
  grantType: GrantType;
  requester: Requester;
  /** The person's active sessions; absent when no one is signing in. */
  sessionCounts?: SessionCounts;
}

/**
 * MAS `authorization_grant/violation`: the scope rules, requester bans, and the session limit:
 * a person already at `soft_limit` sessions (and at or under `max_session_threshold`, when set)
 * gets `too-many-sessions` with how many to end, and may end them on the consent page.
 */
export function authorizationGrantViolations(
  input: AuthorizationGrantPolicyInput,
  data: PolicyData,
): Violation[] {
  const violations: Violation[] = scopeViolations({
    scope: input.scope,
    grantType: input.grantType,
    clientId: input.client.id,
    user: input.user,
    adminUsers: data.admin_users ?? [],
    adminClients: data.admin_clients ?? [],
  });
  violations.push(...requesterViolations(input.requester, data.requester));
  const limit = data.session_limit;
  const counts = input.sessionCounts;
  if (
    limit &&
    counts &&
    passesSessionThreshold(limit, counts) &&
    limit.soft_limit <= counts.total
  ) {
    violations.push(tooManySessions('user has too many active sessions', counts, limit.soft_limit));
  }
  return violations;
}
