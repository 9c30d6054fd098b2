/**
 * OAuth 2.0 Authorization Server Metadata (RFC 8414 §2) and OpenID Connect Discovery 1.0 §3
 * fields, plus the Matrix extensions (MSC2965, MSC4191). Every key is optional here: each
 * feature module contributes the keys for what it actually serves.
 */
export interface ProviderMetadata {
  issuer?: string;
  authorization_endpoint?: string;
  token_endpoint?: string;
  jwks_uri?: string;
  registration_endpoint?: string;
  revocation_endpoint?: string;
  introspection_endpoint?: string;
  userinfo_endpoint?: string;
  device_authorization_endpoint?: string;
  end_session_endpoint?: string;
  pushed_authorization_request_endpoint?: string;
  scopes_supported?: string[];
  response_types_supported?: string[];
  response_modes_supported?: string[];
  grant_types_supported?: string[];
  code_challenge_methods_supported?: string[];
  token_endpoint_auth_methods_supported?: string[];
  token_endpoint_auth_signing_alg_values_supported?: string[];
  revocation_endpoint_auth_methods_supported?: string[];
  revocation_endpoint_auth_signing_alg_values_supported?: string[];
  introspection_endpoint_auth_methods_supported?: string[];
  introspection_endpoint_auth_signing_alg_values_supported?: string[];
  id_token_signing_alg_values_supported?: string[];
  userinfo_signing_alg_values_supported?: string[];
  subject_types_supported?: string[];
  claims_supported?: string[];
  claim_types_supported?: string[];
  display_values_supported?: string[];
  prompt_values_supported?: string[];
  op_policy_uri?: string;
  op_tos_uri?: string;
  authorization_response_iss_parameter_supported?: boolean;
  request_parameter_supported?: boolean;
  request_uri_parameter_supported?: boolean;
  claims_parameter_supported?: boolean;
  account_management_uri?: string;
  account_management_actions_supported?: string[];
  [extension: string]: unknown;
}
