import { Injectable } from '@nestjs/common';
import { Clock, hashToken, Rng } from '../core';
import { TransactionRunner, type Tx } from '../database/transaction';
import { JobQueue } from '../jobs';
import { PolicyEngine } from '../policy';
import { RateLimiter } from '../rate-limit';
import { UserEmailAuthenticationRepository } from '../storage/users/user-email-authentication.repository';
import type { UserEmailAuthenticationEntity } from '../storage/users/user-email-authentication.entity';
import { isValidEmail } from '../users/email-address';
import { EMAIL_AUTHENTICATION_WINDOW_MS, normalizeEmailCode } from './email-code';

/** Who asks: the policy's requester and the rate limits' client, and the mail's language. */
export interface EmailRequester {
  ip: string | null;
  userAgent: string | null;
  locale: string;
}

/** Whom an email authentication belongs to: a browser session or a registration. */
export type EmailAuthenticationOwner = { userSessionId: string } | { registrationId: string };

/** Why an address may not be verified now. */
export type EmailRefusal =
  | { ok: false; reason: 'invalid_email' }
  /** The `email` policy refused it; `violations` are the policy's codes or messages. */
  | { ok: false; reason: 'policy'; violations: string[] }
  /** `rate_limiting.email_authentication` refused the mail. */
  | { ok: false; reason: 'rate_limited'; retryAfterMs: number };

export type EmailCheck = { ok: true } | EmailRefusal;
export type EmailStart = { ok: true; authenticationId: string } | EmailRefusal;

/** Why an authentication cannot take a code or a resend. */
export type UnusableAuthentication = 'unknown' | 'completed' | 'stale';

export type CodeCheck =
  | { ok: true; email: string }
  | { ok: false; reason: UnusableAuthentication | 'wrong_code' | 'expired' }
  | { ok: false; reason: 'too_many_attempts'; retryAfterMs: number };

export type Resend =
  | { ok: true }
  | { ok: false; reason: UnusableAuthentication }
  | { ok: false; reason: 'rate_limited'; retryAfterMs: number };

/**
 * Proving that a person reads an address (MAS `startEmailAuthentication`,
 * `completeEmailAuthentication`, views/register/steps/verify_email.rs): an address accepted by
 * the syntax check, the `email` policy and the rate limits gets an email authentication and a
 * job that mails a 6-digit code; entering that code completes it once. Shared by registration
 * and /account/emails.
 */
@Injectable()
export class EmailVerifications {
  constructor(
    private readonly authentications: UserEmailAuthenticationRepository,
    private readonly policy: PolicyEngine,
    private readonly limiter: RateLimiter,
    private readonly jobs: JobQueue,
    private readonly tx: TransactionRunner,
    private readonly clock: Clock,
    private readonly rng: Rng,
  ) {}

  /**
   * Whether a code may be mailed to `email` for `requester`: the address syntax, then the
   * `email` policy (MAS checks it before any mail), then the rate limits, which are charged.
   */
  async check(email: string, requester: EmailRequester): Promise<EmailCheck> {
    if (!isValidEmail(email)) return { ok: false, reason: 'invalid_email' };
    const verdict = await this.policy.evaluateEmail({
      email,
      requester: { ipAddress: requester.ip, userAgent: requester.userAgent },
    });
    if (verdict.violations.length > 0) {
      return {
        ok: false,
        reason: 'policy',
        violations: verdict.violations.map((v) => v.code ?? v.msg),
      };
    }
    const limit = await this.limiter.checkEmailCodeSend(requester.ip, email, null);
    if (!limit.allowed)
      return { ok: false, reason: 'rate_limited', retryAfterMs: limit.retryAfterMs };
    return { ok: true };
  }

  /**
   * Records an authentication of `email` for `owner` and queues its code mail, in `tx` when
   * given. Call only after {@link check} allowed the address.
   */
  async begin(
    email: string,
    owner: EmailAuthenticationOwner,
    locale: string,
    tx?: Tx,
  ): Promise<string> {
    const work = async (t: Tx) => {
      const id = this.rng.ulid();
      await this.authentications.add(
        {
          id,
          email,
          userSessionId: 'userSessionId' in owner ? owner.userSessionId : null,
          userRegistrationId: 'registrationId' in owner ? owner.registrationId : null,
          createdAt: this.clock.now(),
        },
        t,
      );
      await this.jobs.enqueue(
        'send-email-authentication-code',
        { authenticationId: id, locale },
        { tx: t },
      );
      return id;
    };
    return tx ? work(tx) : this.tx.run(work);
  }

  /** {@link check}, then {@link begin}. */
  async start(
    email: string,
    owner: EmailAuthenticationOwner,
    requester: EmailRequester,
  ): Promise<EmailStart> {
    const checked = await this.check(email, requester);
    if (!checked.ok) return checked;
    return { ok: true, authenticationId: await this.begin(email, owner, requester.locale) };
  }

  /** The authentication, or why it cannot be used. */
  async find(
    authenticationId: string,
  ): Promise<
    | { ok: true; value: UserEmailAuthenticationEntity }
    | { ok: false; reason: UnusableAuthentication }
  > {
    const found = await this.authentications.findById(authenticationId);
    if (!found) return { ok: false, reason: 'unknown' };
    if (found.completedAt !== null) return { ok: false, reason: 'completed' };
    if (this.clock.now().getTime() - found.createdAt.getTime() > EMAIL_AUTHENTICATION_WINDOW_MS) {
      return { ok: false, reason: 'stale' };
    }
    return { ok: true, value: found };
  }

  /** Mails a new code (the earlier ones stay valid until they expire), rate limited. */
  async resend(authenticationId: string, requester: EmailRequester): Promise<Resend> {
    const found = await this.find(authenticationId);
    if (!found.ok) return found;
    const limit = await this.limiter.checkEmailCodeSend(
      requester.ip,
      found.value.email,
      authenticationId,
    );
    if (!limit.allowed)
      return { ok: false, reason: 'rate_limited', retryAfterMs: limit.retryAfterMs };
    await this.jobs.enqueue('send-email-authentication-code', {
      authenticationId,
      locale: requester.locale,
    });
    return { ok: true };
  }

  /**
   * Completes the authentication with a code mailed for it that has not expired. Every attempt
   * is charged to `rate_limiting.email_authentication.attempt_per_session` first, so six digits
   * cannot be guessed; completing is a conditional UPDATE, so a code works once.
   */
  async verify(authenticationId: string, input: string, tx?: Tx): Promise<CodeCheck> {
    const found = await this.find(authenticationId);
    if (!found.ok) return found;
    const limit = await this.limiter.checkEmailCodeAttempt(authenticationId);
    if (!limit.allowed) {
      return { ok: false, reason: 'too_many_attempts', retryAfterMs: limit.retryAfterMs };
    }
    const code = normalizeEmailCode(input);
    if (code === null) return { ok: false, reason: 'wrong_code' };
    const stored = await this.authentications.findCode(authenticationId, hashToken(code), tx);
    if (!stored) return { ok: false, reason: 'wrong_code' };
    const now = this.clock.now();
    if (stored.expiresAt.getTime() <= now.getTime()) return { ok: false, reason: 'expired' };
    if (!(await this.authentications.complete(authenticationId, now, tx))) {
      return { ok: false, reason: 'completed' };
    }
    return { ok: true, email: found.value.email };
  }
}
