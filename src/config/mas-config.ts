import type { ConfigProblem } from './config-error';
import type { CrossChecked } from './validation/cross-check';
import { Nested, NestedList } from './validation/rules';
import { AccountConfig } from './sections/account.config';
import { BrandingConfig } from './sections/branding.config';
import { CaptchaConfig } from './sections/captcha.config';
import { ClientConfig } from './sections/client.config';
import { DatabaseConfig } from './sections/database.config';
import { EmailConfig } from './sections/email.config';
import { ExperimentalConfig } from './sections/experimental.config';
import { GuestInvitesConfig } from './sections/guest-invites.config';
import { HttpConfig } from './sections/http.config';
import { MatrixConfig } from './sections/matrix.config';
import { OAuthConfig } from './sections/oauth.config';
import { PasswordsConfig } from './sections/passwords.config';
import { PolicyConfig } from './sections/policy.config';
import { RateLimitingConfig } from './sections/rate-limiting.config';
import { SecretsConfig } from './sections/secrets.config';
import { TelemetryConfig } from './sections/telemetry.config';
import { TemplatesConfig } from './sections/templates.config';
import { UpstreamOAuth2Config } from './sections/upstream-oauth2.config';

/** The whole configuration file, MAS layout; every absent section takes its defaults. */
export class MasConfig implements CrossChecked {
  @Nested(() => HttpConfig) http = new HttpConfig();
  @Nested(() => DatabaseConfig) database = new DatabaseConfig();
  @Nested(() => MatrixConfig) matrix = new MatrixConfig();
  @Nested(() => TemplatesConfig) templates = new TemplatesConfig();
  @NestedList(() => ClientConfig) clients: ClientConfig[] = [];
  @Nested(() => SecretsConfig) secrets = new SecretsConfig();
  @Nested(() => PasswordsConfig) passwords = new PasswordsConfig();
  @Nested(() => AccountConfig) account = new AccountConfig();
  @Nested(() => EmailConfig) email = new EmailConfig();
  @Nested(() => BrandingConfig) branding = new BrandingConfig();
  @Nested(() => CaptchaConfig) captcha = new CaptchaConfig();
  @Nested(() => PolicyConfig) policy = new PolicyConfig();
  @Nested(() => RateLimitingConfig) rate_limiting = new RateLimitingConfig();
  @Nested(() => UpstreamOAuth2Config) upstream_oauth2 = new UpstreamOAuth2Config();
  @Nested(() => OAuthConfig) oauth = new OAuthConfig();
  @Nested(() => GuestInvitesConfig) guest_invites = new GuestInvitesConfig();
  @Nested(() => ExperimentalConfig) experimental = new ExperimentalConfig();
  @Nested(() => TelemetryConfig) telemetry = new TelemetryConfig();

  crossCheck(): ConfigProblem[] {
    if (!Array.isArray(this.clients)) return [];
    const ids = this.clients.map((c) =>
      typeof c?.client_id === 'string' ? c.client_id.toUpperCase() : c?.client_id,
    );
    return new Set(ids).size === ids.length
      ? []
      : [{ path: 'clients', message: 'client_id values must be unique' }];
  }
}

/** Section classes provided for injection by `MasConfigModule`, keyed by YAML name. */
export const SECTION_CLASSES = {
  http: HttpConfig,
  database: DatabaseConfig,
  matrix: MatrixConfig,
  templates: TemplatesConfig,
  secrets: SecretsConfig,
  passwords: PasswordsConfig,
  account: AccountConfig,
  email: EmailConfig,
  branding: BrandingConfig,
  captcha: CaptchaConfig,
  policy: PolicyConfig,
  rate_limiting: RateLimitingConfig,
  upstream_oauth2: UpstreamOAuth2Config,
  oauth: OAuthConfig,
  guest_invites: GuestInvitesConfig,
  experimental: ExperimentalConfig,
  telemetry: TelemetryConfig,
} as const;
