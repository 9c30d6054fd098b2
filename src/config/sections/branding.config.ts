import { Opt, Str, Url } from '../validation/rules';

/** `branding` (MAS docs/reference/configuration.md#branding). */
export class BrandingConfig {
  /** Defaults to the server's address. */
  @Opt() @Str() service_name?: string;
  @Opt() @Url() policy_uri?: string;
  /** Also adds a mandatory checkbox at registration, recorded in `user_terms`. */
  @Opt() @Url() tos_uri?: string;
  @Opt() @Str() imprint?: string;
}
