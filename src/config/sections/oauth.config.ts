import { Bool } from '../validation/rules';

/** `oauth` (MAS docs/reference/configuration.md#oauth). */
export class OAuthConfig {
  /** RFC 8628 device authorization grant. */
  @Bool() device_code_grant_enabled: boolean = true;

  /** Advertise `verification_uri_complete` and auto-fill the code on `/link`. */
  @Bool() device_code_user_code_auto_fill_enabled: boolean = false;
}
