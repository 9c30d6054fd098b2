import {
  DEVICE_CODE_GRANT,
  effectiveApplicationType,
  effectiveAuthMethod,
  effectiveGrantTypes,
  effectiveIdTokenAlg,
  type ClientMetadata,
} from '../../client-registration';
import type { RegisteredClientFields } from '../../storage/oauth2/oauth2-client.repository';

/**
 * What MAS stores of a registration: the non-localized value of localized fields, the four
 * supported grant types as flags (others, like `implicit`, are dropped), RFC 7591 §2 defaults
 * applied to the application type, auth method and ID token algorithm.
 */
export function toRegisteredClientFields(
  m: ClientMetadata,
  encryptedClientSecret: string | null,
  metadataDigest: string | null,
): RegisteredClientFields {
  const grants = effectiveGrantTypes(m);
  return {
    redirectUris: m.redirect_uris ?? [],
    grantTypeAuthorizationCode: grants.includes('authorization_code'),
    grantTypeRefreshToken: grants.includes('refresh_token'),
    grantTypeClientCredentials: grants.includes('client_credentials'),
    grantTypeDeviceCode: grants.includes(DEVICE_CODE_GRANT),
    clientName: m.client_name?.value ?? null,
    logoUri: m.logo_uri?.value ?? null,
    clientUri: m.client_uri?.value ?? null,
    policyUri: m.policy_uri?.value ?? null,
    tosUri: m.tos_uri?.value ?? null,
    jwksUri: m.jwks_uri ?? null,
    jwks: m.jwks ?? null,
    idTokenSignedResponseAlg: effectiveIdTokenAlg(m),
    userinfoSignedResponseAlg: m.userinfo_signed_response_alg ?? null,
    tokenEndpointAuthMethod: effectiveAuthMethod(m),
    tokenEndpointAuthSigningAlg: m.token_endpoint_auth_signing_alg ?? null,
    initiateLoginUri: m.initiate_login_uri ?? null,
    applicationType: effectiveApplicationType(m),
    contacts: m.contacts ?? [],
    encryptedClientSecret,
    metadataDigest,
  };
}
