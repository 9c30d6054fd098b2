import { Injectable } from '@nestjs/common';
import { AccountConfig, CaptchaConfig, MatrixConfig, PasswordsConfig } from '../../config';
import { BOOL, object, STRING } from '../common/api-docs';
import { appVersion } from './app-version';

export const VERSION_SCHEMA = object({ version: STRING });

export const SITE_CONFIG_SCHEMA = object({
  server_name: STRING,
  password_login_enabled: BOOL,
  password_registration_enabled: BOOL,
  password_registration_email_required: BOOL,
  password_registration_token_required: BOOL,
  registration_token_required: BOOL,
  email_change_allowed: BOOL,
  displayname_change_allowed: BOOL,
  password_change_allowed: BOOL,
  account_recovery_allowed: BOOL,
  account_deactivation_allowed: BOOL,
  captcha_enabled: BOOL,
  minimum_password_complexity: { type: 'integer', minimum: 0, maximum: 4 },
});

/** `GET /version` and `GET /site-config` (MAS data-model SiteConfig, derived from the config). */
@Injectable()
export class ServerInfoService {
  constructor(
    private readonly account: AccountConfig,
    private readonly passwords: PasswordsConfig,
    private readonly matrix: MatrixConfig,
    private readonly captcha: CaptchaConfig,
  ) {}

  version() {
    return { version: appVersion() };
  }

  siteConfig() {
    const passwords = this.passwords.enabled;
    const tokenRequired = this.account.registrationTokenRequired();
    return {
      server_name: this.matrix.homeserver,
      password_login_enabled: passwords,
      password_registration_enabled: passwords && this.account.password_registration_enabled,
      password_registration_email_required: this.account.password_registration_email_required,
      password_registration_token_required: tokenRequired,
      registration_token_required: tokenRequired,
      email_change_allowed: this.account.email_change_allowed,
      displayname_change_allowed: this.account.displayname_change_allowed,
      password_change_allowed: passwords && this.account.password_change_allowed,
      account_recovery_allowed: passwords && this.account.password_recovery_enabled,
      account_deactivation_allowed: this.account.account_deactivation_allowed,
      captcha_enabled: this.captcha.service !== undefined && this.captcha.service !== null,
      minimum_password_complexity: this.passwords.minimum_complexity,
    };
  }
}
