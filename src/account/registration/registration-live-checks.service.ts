import { Injectable } from '@nestjs/common';
import { PasswordComplexity } from '../../passwords/password-complexity';
import { RateLimiter, retryAfterSeconds } from '../../rate-limit';
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

/** `GET /register/username-available`: the status, `Retry-After` when limited, and the body. */
export type UsernameReply =
  | { status: 200; body: UsernameAnswer }
  | { status: 429; retryAfter: number; body: { error: 'rate_limited' } };

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
    private readonly limiter: RateLimiter,
  ) {}

  async username(web: WebContext, username: unknown): Promise<UsernameReply> {
    if (!this.settings.enabled) {
      return { status: 200, body: { available: false, reason: 'disabled' } };
    }
    const verdict = await this.limiter.checkUsernameLookup(web.ip);
    if (!verdict.allowed) {
      const retryAfter = retryAfterSeconds(verdict.retryAfterMs);
      return { status: 429, retryAfter, body: { error: 'rate_limited' } };
    }
    const value = typeof username === 'string' ? username.trim() : '';
    const outcome = await this.usernames.check(value, {
      ipAddress: web.ip,
      userAgent: web.userAgent,
    });
    return {
      status: 200,
      body: outcome.username.ok
        ? { available: true }
        : { available: false, reason: outcome.username.reason },
    };
  }

  strength(body: unknown): StrengthAnswer {
    const password = fieldsOf(body).password;
    return {
      score: typeof password === 'string' ? this.complexity.score(password) : 0,
      minimum: this.complexity.minimumScore,
    };
  }
}
