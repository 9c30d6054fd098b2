export { ClientAuthModule } from './client-auth.module';
export {
  type AuthenticatedClient,
  ClientAuthenticator,
  type ClientAuthInput,
  type ClientAuthOptions,
} from './client-authenticator';
export {
  ASYMMETRIC_ALGORITHMS,
  CLIENT_AUTH_METHODS,
  type ClientAuthMethod,
  HMAC_ALGORITHMS,
  isClientAuthMethod,
} from './client-auth-method';
export { DEFAULT_ASSERTION_BOUNDS } from './assertion-claims.check';
export { ClientJwksCache, DEFAULT_JWKS_CACHE_OPTIONS } from './client-jwks.cache';
