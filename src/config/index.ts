export { ConfigError, formatProblems, type ConfigProblem } from './config-error';
export { DEFAULT_CONFIG_PATH, resolveConfigPaths } from './config-paths';
export { MasConfigModule } from './config.module';
export { dumpConfig } from './dump-config';
export {
  generateConfig,
  generateDevelopmentConfig,
  type DevelopmentConfigOptions,
} from './generate-config';
export { buildConfig, loadConfigFiles, type LoadedConfig } from './load-config';
export { MasConfig } from './mas-config';
export { toPlainConfig } from './to-plain';
export { AccountConfig } from './sections/account.config';
export { BrandingConfig } from './sections/branding.config';
export { CAPTCHA_SERVICES, CaptchaConfig, type CaptchaService } from './sections/captcha.config';
export { CLIENT_AUTH_METHODS, ClientConfig, type ClientAuthMethod } from './sections/client.config';
export { DatabaseConfig, DEFAULT_DATA_DIR, type SslMode } from './sections/database.config';
export { EmailConfig, type EmailTransport, type SmtpMode } from './sections/email.config';
export {
  ExperimentalConfig,
  InactiveSessionExpirationConfig,
  SessionLimitConfig,
} from './sections/experimental.config';
export { GuestInvitesConfig } from './sections/guest-invites.config';
export {
  BindConfig,
  ListenerConfig,
  RESOURCE_NAMES,
  ResourceConfig,
  TlsConfig,
  type ResourceName,
} from './sections/http-listener.config';
export { DEFAULT_PUBLIC_BASE, DEFAULT_TRUSTED_PROXIES, HttpConfig } from './sections/http.config';
export { HOMESERVER_KINDS, MatrixConfig, type HomeserverKind } from './sections/matrix.config';
export { OAuthConfig } from './sections/oauth.config';
export {
  PasswordSchemeConfig,
  PasswordsConfig,
  type PasswordAlgorithm,
} from './sections/passwords.config';
export { PolicyDataConfig, StringConstraintsConfig } from './sections/policy-data.config';
export { PolicyConfig } from './sections/policy.config';
export { RateLimiterConfig, RateLimitingConfig } from './sections/rate-limiting.config';
export { KeyConfig, SecretsConfig, type KeyEntry } from './sections/secrets.config';
export { TelemetryConfig } from './sections/telemetry.config';
export { TemplatesConfig } from './sections/templates.config';
export { ClaimsImportsConfig } from './sections/upstream-claims.config';
export {
  UpstreamOAuth2Config,
  UpstreamProviderConfig,
  type UpstreamAuthMethod,
} from './sections/upstream-oauth2.config';
