import { ipInList } from './ip-list';
import { matchesStringConstraints, type StringConstraints } from './string-constraints';

/** Who is making the request (MAS `Requester`): both parts may be unknown. */
export interface Requester {
  ipAddress?: string | null;
  userAgent?: string | null;
}

/** `data.requester` (MAS docs/reference/configuration.md#policy). */
export interface RequesterPolicyData {
  banned_ips?: readonly string[] | null;
  banned_user_agents?: StringConstraints | null;
}

/** MAS `requester_banned`: the address is in `banned_ips` or the agent matches the constraints. */
export function requesterBanned(
  requester: Requester,
  data: RequesterPolicyData | null | undefined,
): boolean {
  if (!data) return false;
  return (
    ipInList(requester.ipAddress, data.banned_ips) ||
    matchesStringConstraints(requester.userAgent, data.banned_user_agents)
  );
}

/** MAS `format_requester`: `ip / agent`, either alone, or `unknown`. */
export function formatRequester(requester: Requester): string {
  const parts = [requester.ipAddress, requester.userAgent].filter(
    (p): p is string => p !== undefined && p !== null,
  );
  return parts.length > 0 ? parts.join(' / ') : 'unknown';
}

/** The violation every policy but client registration adds for a banned requester. */
export function requesterViolations(
  requester: Requester,
  data: RequesterPolicyData | null | undefined,
): { msg: string }[] {
  return requesterBanned(requester, data)
    ? [{ msg: `Requester [${formatRequester(requester)}] isn't allowed to do this action` }]
    : [];
}
