/**
 * One reason a registration is refused: MAS's message and the metadata field it concerns.
 * `field` decides the RFC 7591 §3.2.2 error code (see {@link registrationErrorFor}).
 */
export interface RegistrationViolation {
  msg: string;
  field: string;
}

export type RegistrationErrorCode = 'invalid_redirect_uri' | 'invalid_client_metadata';

/**
 * RFC 7591 §3.2.2: `invalid_redirect_uri` when any violation concerns the redirect URIs
 * (MAS: the message mentions `redirect_uri`), otherwise `invalid_client_metadata`; the
 * description joins every message with `"; "` as MAS does.
 */
export function registrationErrorFor(violations: readonly RegistrationViolation[]): {
  code: RegistrationErrorCode;
  description: string;
} {
  const redirect = violations.some(
    (v) => v.field === 'redirect_uris' || v.msg.includes('redirect_uri'),
  );
  return {
    code: redirect ? 'invalid_redirect_uri' : 'invalid_client_metadata',
    description: violations.map((v) => v.msg).join('; '),
  };
}
