import type { ClientMetadata } from './client-metadata';
import {
  clientRegistrationViolations,
  type ClientRegistrationPolicyData,
} from './policy/client-registration.policy';
import { publicSuffixViolations } from './public-suffix.rule';
import { structuralViolations } from './structural.rules';
import type { RegistrationViolation } from './violation';

/**
 * The three stages of MAS's registration handler, in order; the first stage that finds
 * anything wrong decides the answer: structure (RFC 7591 §2), public suffixes, then the
 * `client_registration` policy (MSC2966). Empty means the metadata may be registered.
 */
export function validateClientMetadata(
  metadata: ClientMetadata,
  policyData: ClientRegistrationPolicyData,
): RegistrationViolation[] {
  const structural = structuralViolations(metadata);
  if (structural.length > 0) return structural;
  const suffixes = publicSuffixViolations(metadata);
  if (suffixes.length > 0) return suffixes;
  return clientRegistrationViolations({ metadata, data: policyData });
}
