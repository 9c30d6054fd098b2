import { Injectable } from '@nestjs/common';
import { Clock, Rng } from '../core';
import { TransactionRunner } from '../database/transaction';
import { EmailVerifications, type EmailRequester } from '../email-verification';
import { PasswordComplexity } from '../passwords/password-complexity';
import { PasswordHasher } from '../passwords/password-hasher';
import { RateLimiter } from '../rate-limit';
import { UserRegistrationRepository } from '../storage/users/user-registration.repository';
import { isValidEmail } from '../users/email-address';
import { safeNextOrNull } from '../web-session/safe-next';
import { RegistrationSettings } from './registration-settings';
import { UsernameAvailability } from './username-availability.service';

/** The password registration form as submitted. */
export interface RegistrationForm {
  username: string;
  email: string;
  password: string;
  passwordConfirm: string;
  acceptTerms: boolean;
  next: string | null;
}

/** The error code of each field in error; `form` is for errors of no field. */
export type RegistrationErrors = Partial<
  Record<'form' | 'username' | 'email' | 'password' | 'password_confirm' | 'terms', string>
>;

export type RegistrationStartResult =
  | { ok: true; registrationId: string }
  | { ok: false; errors: RegistrationErrors; retryAfterMs?: number; passwordScore?: number };

/** What `user_registrations.post_auth_action` holds for a password registration. */
export interface PostAuthAction {
  /** Where the browser goes once signed in (checked by safeNext). */
  next: string | null;
}

/**
 * The first step of a password registration (MAS views/register/password.rs): checks every
 * field, then records the registration with the password already hashed, and starts the email
 * verification of the address given. Refused per client by `rate_limiting.registration`
 * before anything else is looked at.
 */
@Injectable()
export class RegistrationStart {
  constructor(
    private readonly settings: RegistrationSettings,
    private readonly usernames: UsernameAvailability,
    private readonly verifications: EmailVerifications,
    private readonly complexity: PasswordComplexity,
    private readonly hasher: PasswordHasher,
    private readonly limiter: RateLimiter,
    private readonly registrations: UserRegistrationRepository,
    private readonly tx: TransactionRunner,
    private readonly clock: Clock,
    private readonly rng: Rng,
  ) {}

  async start(form: RegistrationForm, requester: EmailRequester): Promise<RegistrationStartResult> {
    const limit = await this.limiter.checkRegistration(requester.ip);
    if (!limit.allowed) {
      return { ok: false, errors: { form: 'rate_limited' }, retryAfterMs: limit.retryAfterMs };
    }
    const errors: RegistrationErrors = {};
    const email = form.email === '' ? null : form.email;
    if (email === null && this.settings.emailRequired) errors.email = 'required';
    else if (email !== null && !isValidEmail(email)) errors.email = 'invalid';

    const outcome = await this.usernames.check(
      form.username,
      { ipAddress: requester.ip, userAgent: requester.userAgent },
      errors.email === undefined ? email : null,
    );
    if (outcome.denied) return { ok: false, errors: { form: 'policy_denied' } };
    if (!outcome.username.ok) errors.username = outcome.username.reason;
    if (errors.email === undefined && outcome.email.length > 0) errors.email = outcome.email[0];

    let passwordScore: number | undefined;
    if (form.password === '') errors.password = 'required';
    else if (form.password !== form.passwordConfirm) errors.password_confirm = 'mismatch';
    else {
      passwordScore = this.complexity.score(form.password);
      if (passwordScore < this.complexity.minimumScore) errors.password = 'too_weak';
    }
    if (this.settings.tosUri !== null && !form.acceptTerms) errors.terms = 'required';
    if (Object.keys(errors).length > 0) {
      return { ok: false, errors, ...(passwordScore === undefined ? {} : { passwordScore }) };
    }

    // Charged only for a form that is otherwise fine, so typos cost no mail allowance.
    if (email !== null) {
      const checked = await this.verifications.check(email, requester);
      if (!checked.ok) {
        if (checked.reason === 'rate_limited') {
          return {
            ok: false,
            errors: { email: 'rate_limited' },
            retryAfterMs: checked.retryAfterMs,
          };
        }
        const code =
          checked.reason === 'policy' ? (checked.violations[0] ?? 'email-not-allowed') : 'invalid';
        return { ok: false, errors: { email: code } };
      }
    }

    const hashed = await this.hasher.hash(form.password);
    const postAuthAction: PostAuthAction = { next: safeNextOrNull(form.next) };
    const registrationId = await this.tx.run(async (tx) => {
      const id = this.rng.ulid();
      await this.registrations.add(
        {
          id,
          ipAddress: requester.ip,
          userAgent: requester.userAgent,
          postAuthAction,
          username: form.username,
          termsUrl: this.settings.tosUri,
          hashedPassword: hashed.hash,
          hashedPasswordVersion: hashed.version,
          createdAt: this.clock.now(),
        },
        tx,
      );
      if (email !== null) {
        const authenticationId = await this.verifications.begin(
          email,
          { registrationId: id },
          requester.locale,
          tx,
        );
        await this.registrations.update(id, { emailAuthenticationId: authenticationId }, tx);
      }
      return id;
    });
    return { ok: true, registrationId };
  }
}
