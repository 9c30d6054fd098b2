import { Injectable } from '@nestjs/common';
import { AccountConfig } from '../config';
import { PasswordHasher } from '../passwords/password-hasher';
import { page, type WebResult } from '../web-session';

/** An account feature an administrator can switch off. */
export type AccountFeature = 'display_name' | 'password' | 'deactivation';

/**
 * Which account features this deployment allows (MAS `account.*_allowed`): the profile page
 * shows only allowed actions and each switched-off page answers a readable 403.
 */
@Injectable()
export class AccountFeatures {
  constructor(
    private readonly account: AccountConfig,
    private readonly hasher: PasswordHasher,
  ) {}

  get displayNameChange(): boolean {
    return this.account.displayname_change_allowed;
  }

  /** `account.password_change_allowed`, and passwords are on at all (`passwords.enabled`). */
  get passwordChange(): boolean {
    return this.account.password_change_allowed && this.hasher.enabled;
  }

  /** `passwords.enabled`: passwords can be checked at all. */
  get passwordsEnabled(): boolean {
    return this.hasher.enabled;
  }

  get deactivation(): boolean {
    return this.account.account_deactivation_allowed;
  }

  /** The page for a switched-off feature. */
  disabled(feature: AccountFeature): WebResult {
    return page('account-feature-disabled.njk', { feature }, 403);
  }
}
