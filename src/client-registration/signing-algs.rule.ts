import type { ClientMetadata } from './client-metadata';
import type { RegistrationViolation } from './violation';

/**
 * OIDC Registration §2: the ID token and userinfo response algorithms a client asks for must be
 * ones the provider can sign with (`id_token_signing_alg_values_supported`,
 * `userinfo_signing_alg_values_supported`); otherwise every token for it would fail later.
 */
export function signingAlgViolations(
  m: ClientMetadata,
  supported: readonly string[],
): RegistrationViolation[] {
  const fields = ['id_token_signed_response_alg', 'userinfo_signed_response_alg'] as const;
  return fields
    .filter((field) => m[field] !== undefined && !supported.includes(m[field]))
    .map((field) => ({
      field,
      msg: `${field} '${m[field]}' is not supported; use one of ${supported.join(', ')}`,
    }));
}
