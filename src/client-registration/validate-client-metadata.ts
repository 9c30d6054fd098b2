import type { ClientMetadata } from './client-metadata';
import { publicSuffixViolations } from './public-suffix.rule';
import { structuralViolations } from './structural.rules';
import type { RegistrationViolation } from './violation';

/**
 * The first two stages of MAS's registration handler, in order; the first stage that finds
 * anything wrong decides the answer: structure (RFC 7591 §2), then public suffixes. The third
 * stage, the `client_registration` policy (MSC2966), is the policy engine's
 * (`PolicyEngine.evaluateClientRegistration`). Empty means the policy may judge it.
 */
export function validateClientMetadata(metadata: ClientMetadata): RegistrationViolation[] {
  const structural = structuralViolations(metadata);
  if (structural.length > 0) return structural;
  return publicSuffixViolations(metadata);
}
