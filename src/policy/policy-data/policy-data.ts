import type { ClientRegistrationPolicyData } from '../client-registration/client-registration.policy';
import type { RequesterPolicyData } from '../common/requester';
import type { SessionLimitData } from '../common/session-limit';
import type { StringConstraints } from '../common/string-constraints';

/**
 * The data every policy reads: `server_name` and `session_limit` from the configuration, the
 * static `policy.data`, and the newest dynamic `policy_data` row, merged in that order (MAS
 * crates/policy/src/lib.rs). Unknown keys are kept for custom use.
 */
export interface PolicyData {
  [key: string]: unknown;
  server_name: string;
  session_limit?: SessionLimitData | null;
  admin_users?: readonly string[] | null;
  admin_clients?: readonly string[] | null;
  client_registration?: ClientRegistrationPolicyData | null;
  registration?: {
    allowed_usernames?: StringConstraints | null;
    banned_usernames?: StringConstraints | null;
  } | null;
  emails?: {
    allowed_addresses?: StringConstraints | null;
    banned_addresses?: StringConstraints | null;
  } | null;
  requester?: RequesterPolicyData | null;
  allowed_domains?: readonly string[] | null;
  banned_domains?: readonly string[] | null;
}
