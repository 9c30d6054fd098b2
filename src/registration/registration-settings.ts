import { Injectable } from '@nestjs/common';
import { AccountConfig, BrandingConfig, PasswordsConfig } from '../config';

/**
 * The switches of password registration (MAS views/register/*): on with
 * `account.password_registration_enabled` and password login (`passwords.enabled`).
 */
@Injectable()
export class RegistrationSettings {
  readonly enabled: boolean;
  /** `account.password_registration_email_required`. */
  readonly emailRequired: boolean;
  /** `account.password_registration_token_required` (or its deprecated alias). */
  readonly tokenRequired: boolean;
  /** `branding.tos_uri`: when set, the terms must be accepted and are recorded. */
  readonly tosUri: string | null;

  constructor(account: AccountConfig, passwords: PasswordsConfig, branding: BrandingConfig) {
    this.enabled = passwordRegistrationEnabled(account, passwords);
    this.emailRequired = account.password_registration_email_required;
    this.tokenRequired = account.registrationTokenRequired();
    this.tosUri = branding.tos_uri ?? null;
  }
}

/** Whether `/register` works, and so whether `prompt=create` is honoured and advertised. */
export function passwordRegistrationEnabled(
  account: AccountConfig,
  passwords: PasswordsConfig,
): boolean {
  return account.password_registration_enabled && passwords.enabled;
}
