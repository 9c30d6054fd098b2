import { Injectable } from '@nestjs/common';
import { Clock, hashToken, Rng } from '../core';
import { Mailer } from '../email';
import { UserEmailAuthenticationRepository } from '../storage/users/user-email-authentication.repository';
import {
  EMAIL_AUTHENTICATION_WINDOW_MS,
  EMAIL_CODE_LENGTH,
  EMAIL_CODE_MINUTES,
  EMAIL_CODE_TTL_MS,
} from './email-code';

/** What one run of the code mail job did. */
export interface EmailCodeOutcome {
  sent: boolean;
  skipped?: 'unknown authentication' | 'completed or stale';
}

/**
 * Mails a fresh 6-digit code for an email authentication (MAS
 * `SendEmailAuthenticationCodeJob`, crates/tasks/src/email.rs). The code is drawn here, in
 * the job, so that no queue payload holds it; only its SHA-256 is stored. A failed mail throws
 * for the job to retry; the code it stored is never seen by anyone.
 */
@Injectable()
export class EmailCodeMailer {
  constructor(
    private readonly authentications: UserEmailAuthenticationRepository,
    private readonly mailer: Mailer,
    private readonly clock: Clock,
    private readonly rng: Rng,
  ) {}

  async send(authenticationId: string, locale: string): Promise<EmailCodeOutcome> {
    const authentication = await this.authentications.findById(authenticationId);
    if (!authentication) return { sent: false, skipped: 'unknown authentication' };
    const now = this.clock.now();
    if (
      authentication.completedAt !== null ||
      now.getTime() - authentication.createdAt.getTime() > EMAIL_AUTHENTICATION_WINDOW_MS
    ) {
      return { sent: false, skipped: 'completed or stale' };
    }
    const code = this.rng.digits(EMAIL_CODE_LENGTH);
    await this.authentications.addCode({
      id: this.rng.ulid(),
      userEmailAuthenticationId: authentication.id,
      codeSha256: hashToken(code),
      createdAt: now,
      expiresAt: new Date(now.getTime() + EMAIL_CODE_TTL_MS),
    });
    await this.mailer.send({
      template: 'verification',
      to: authentication.email,
      locale,
      context: { code, email: authentication.email, minutes: EMAIL_CODE_MINUTES },
    });
    return { sent: true };
  }
}
