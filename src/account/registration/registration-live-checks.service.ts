import { Injectable } from '@nestjs/common';
import { PasswordComplexity } from '../../passwords/password-complexity';
import {
  RegistrationSettings,
  UsernameAvailability,
  type UsernameRefusal,
} from '../../registration';
import type { WebContext } from '../../web-session';
import { fieldsOf } from './registration-forms';

/** The answer of `GET /register/username-available`. */
export type UsernameAnswer =
  { available: true } | { available: false; reason: UsernameRefusal | 'disabled' };

/** The answer of `POST /register/password-strength`. */
export interface StrengthAnswer {
  /** zxcvbn 0–4. */
  score: number;
  /** `passwords.minimum_complexity`. */
  minimum: number;
}

/**
 * The live checks the registration form's script asks while a person types. They only
 * inform: the submitted form is checked again in full. The username answer discloses what the
 * form's own answer would (whether the username can be registered), nothing more.
 */
@Injectable()
export class RegistrationLiveChecks {
  constructor(
    private readonly settings: RegistrationSettings,
    private readonly usernames: UsernameAvailability,
    private readonly complexity: PasswordComplexity,
  ) {}

  async username(web: WebContext, username: unknown): Promise<UsernameAnswer> {
    if (!this.settings.enabled) return { available: false, reason: 'disabled' };
    const value = typeof username === 'string' ? username.trim() : '';
    const outcome = await this.usernames.check(value, {
      ipAddress: web.ip,
      userAgent: web.userAgent,
    });
    return outcome.username.ok
      ? { available: true }
      : { available: false, reason: outcome.username.reason };
  }

  strength(body: unknown): StrengthAnswer {
    const password = fieldsOf(body).password;
    return {
      score: typeof password === 'string' ? this.complexity.score(password) : 0,
      minimum: this.complexity.minimumScore,
    };
  }
}
