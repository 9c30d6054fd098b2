import { domainMatches } from '../common/domain-glob';
import type { Requester } from '../common/requester';
import { matchesStringConstraints } from '../common/string-constraints';
import type { PolicyData } from '../policy-data/policy-data';
import type { Violation } from '../violation';

/** MAS `policies/schema/email_input.json`. */
export interface EmailPolicyInput {
  email: string;
  requester: Requester;
}

/** The domain of `local@domain`; undefined unless there is exactly one `@` (rego `split`). */
function domainOf(email: string): string | undefined {
  const parts = email.split('@');
  return parts.length === 2 ? parts[1] : undefined;
}

/**
 * MAS `email/violation`: the domain must match a glob of `allowed_domains` (when set) and none
 * of `banned_domains`; the address must match `emails.allowed_addresses` (when set) and not
 * `emails.banned_addresses`. A null list counts as unset.
 */
export function emailViolations(input: EmailPolicyInput, data: PolicyData): Violation[] {
  const violations: Violation[] = [];
  const domain = domainOf(input.email);
  const allowed = data.allowed_domains;
  if (allowed && !(domain !== undefined && allowed.some((g) => domainMatches(g, domain)))) {
    violations.push({ code: 'email-domain-not-allowed', msg: 'email domain is not allowed' });
  }
  if (domain !== undefined && (data.banned_domains ?? []).some((g) => domainMatches(g, domain))) {
    violations.push({ code: 'email-domain-banned', msg: 'email domain is banned' });
  }
  const allowedAddresses = data.emails?.allowed_addresses;
  if (allowedAddresses && !matchesStringConstraints(input.email, allowedAddresses)) {
    violations.push({ code: 'email-not-allowed', msg: 'email is not allowed' });
  }
  if (matchesStringConstraints(input.email, data.emails?.banned_addresses)) {
    violations.push({ code: 'email-banned', msg: 'email is not allowed' });
  }
  return violations;
}
