import { Bool, Opt } from '../validation/rules';

/** `account` (MAS docs/reference/configuration.md#account). */
export class AccountConfig {
  @Bool() email_change_allowed: boolean = true;
  @Bool() displayname_change_allowed: boolean = true;
  @Bool() password_registration_enabled: boolean = false;
  @Bool() password_registration_email_required: boolean = true;
  @Bool() password_change_allowed: boolean = true;
  @Bool() password_recovery_enabled: boolean = false;
  @Bool() account_deactivation_allowed: boolean = true;
  @Bool() login_with_email_allowed: boolean = false;
  @Bool() password_registration_token_required: boolean = false;
  /** Deprecated alias of `password_registration_token_required`; also applies upstream. */
  @Opt() @Bool() registration_token_required?: boolean;

  /** Whether password registrations need a registration token (either key). */
  registrationTokenRequired(): boolean {
    return this.password_registration_token_required || this.registration_token_required === true;
  }
}
