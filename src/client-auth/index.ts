export { ClientAuthModule } from './client-auth.module';
export {
  type AuthenticatedClient,
  ClientAuthenticator,
  type ClientAuthInput,
  type ClientAuthOptions,
} from './client-authenticator';
export { type ClientAuthMethod, isClientAuthMethod } from './client-auth-method';
export { DEFAULT_ASSERTION_BOUNDS } from './assertion-claims.check';
export { ClientJwksCache, DEFAULT_JWKS_CACHE_OPTIONS } from './client-jwks.cache';
