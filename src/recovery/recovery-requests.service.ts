import { Injectable } from '@nestjs/common';
import { MatrixConfig } from '../config';
import { Clock, hashToken, Rng } from '../core';
import { TransactionRunner } from '../database/transaction';
import { JobQueue } from '../jobs';
import { PasswordComplexity, PasswordTooWeak } from '../passwords/password-complexity';
import { PasswordHasher } from '../passwords/password-hasher';
import { RateLimiter } from '../rate-limit';
import { UserSessionsTerminator } from '../sessions';
import { recoveryTicketState } from '../storage/users/recovery-ticket.state';
import { UserEmailRepository } from '../storage/users/user-email.repository';
import { UserPasswordRepository } from '../storage/users/user-password.repository';
import { UserRecoveryRepository } from '../storage/users/user-recovery.repository';
import type { UserRecoverySessionEntity } from '../storage/users/user-recovery-session.entity';
import type { UserRecoveryTicketEntity } from '../storage/users/user-recovery-ticket.entity';
import { UserRepository } from '../storage/users/user.repository';
import type { UserEntity } from '../storage/users/user.entity';
import { isValidEmail } from '../users/email-address';

/** Who asks for a recovery. */
export interface RecoveryRequester {
  ip: string | null;
  userAgent: string | null;
  locale: string;
}

export type RecoveryStart =
  | { ok: true }
  | { ok: false; reason: 'invalid_email' }
  /** `rate_limiting.account_recovery` refused the request. */
  | { ok: false; reason: 'rate_limited'; retryAfterMs: number };

/** Why a ticket cannot be used. */
export type UnusableTicket = 'unknown' | 'expired' | 'consumed' | 'locked';

export type TicketInspection =
  { ok: true; username: string; mxid: string } | { ok: false; reason: UnusableTicket };

export type PasswordReset =
  | { ok: true; endedSessions: boolean }
  | { ok: false; reason: UnusableTicket | 'invalid_password' | 'too_weak' };

interface UsableTicket {
  ticket: UserRecoveryTicketEntity;
  session: UserRecoverySessionEntity;
  user: UserEntity;
}

/** A value that cannot be a ticket is looked up like an unknown one. */
function ticketHash(ticket: unknown): Buffer | null {
  return typeof ticket === 'string' && ticket.length > 0 && ticket.length <= 256
    ? hashToken(ticket)
    : null;
}

/**
 * Password recovery by email (MAS views/recovery/*, graphql `setPasswordByRecovery`): starting
 * a recovery queues the mails, a ticket from a mail sets a new password once.
 */
@Injectable()
export class RecoveryRequests {
  constructor(
    private readonly recovery: UserRecoveryRepository,
    private readonly emails: UserEmailRepository,
    private readonly users: UserRepository,
    private readonly passwords: UserPasswordRepository,
    private readonly hasher: PasswordHasher,
    private readonly complexity: PasswordComplexity,
    private readonly limiter: RateLimiter,
    private readonly jobs: JobQueue,
    private readonly terminator: UserSessionsTerminator,
    private readonly tx: TransactionRunner,
    private readonly matrix: MatrixConfig,
    private readonly clock: Clock,
    private readonly rng: Rng,
  ) {}

  /**
   * Records a recovery session for `email` and queues its mails, in one transaction. Whether an
   * account has the address is decided by the job, never here: a known and an unknown address
   * cost the same work and get the same answer (no account enumeration, OWASP Forgot Password
   * cheat sheet). Refused by `rate_limiting.account_recovery` per client and per address.
   */
  async start(email: string, requester: RecoveryRequester): Promise<RecoveryStart> {
    if (!isValidEmail(email)) return { ok: false, reason: 'invalid_email' };
    const limit = await this.limiter.checkAccountRecovery(requester.ip, email);
    if (!limit.allowed)
      return { ok: false, reason: 'rate_limited', retryAfterMs: limit.retryAfterMs };
    await this.tx.run(async (tx) => {
      const id = this.rng.ulid();
      await this.recovery.addSession(
        {
          id,
          email,
          userAgent: requester.userAgent ?? '',
          ipAddress: requester.ip,
          locale: requester.locale,
          createdAt: this.clock.now(),
        },
        tx,
      );
      await this.jobs.enqueue('send-account-recovery-email', { recoverySessionId: id }, { tx });
    });
    return { ok: true };
  }

  /** Whether `ticket` may set a password now, and for which account. */
  async inspect(ticket: unknown): Promise<TicketInspection> {
    const found = await this.usable(ticket);
    if (!found.ok) return found;
    const { username } = found.value.user;
    return { ok: true, username, mxid: `@${username}:${this.matrix.homeserver}` };
  }

  /**
   * Sets the account's new password with a usable ticket and consumes its recovery session, in
   * one transaction whose conditional UPDATE lets exactly one of racing uses win. With
   * `endSessions`, every OAuth 2.0, compat and browser session of the account ends afterwards
   * (MAS keeps them; ending them is what a recovery after a compromise needs).
   */
  async reset(ticket: unknown, password: string, endSessions: boolean): Promise<PasswordReset> {
    if (password.length === 0) return { ok: false, reason: 'invalid_password' };
    const found = await this.usable(ticket);
    if (!found.ok) return found;
    try {
      this.complexity.check(password);
    } catch (error) {
      if (error instanceof PasswordTooWeak) return { ok: false, reason: 'too_weak' };
      throw error;
    }
    const { session, user } = found.value;
    const hashed = await this.hasher.hash(password);
    const won = await this.tx.run(async (tx) => {
      const now = this.clock.now();
      if (!(await this.recovery.consumeSession(session.id, now, tx))) return false;
      await this.passwords.addIn(
        {
          id: this.rng.ulid(),
          userId: user.id,
          hashedPassword: hashed.hash,
          version: hashed.version,
          createdAt: now,
        },
        tx,
      );
      return true;
    });
    if (!won) return { ok: false, reason: 'consumed' };
    if (endSessions) await this.terminator.endAll(user.id, { browser: true });
    return { ok: true, endedSessions: endSessions };
  }

  private async usable(
    ticket: unknown,
  ): Promise<{ ok: true; value: UsableTicket } | { ok: false; reason: UnusableTicket }> {
    const hash = ticketHash(ticket);
    const found = hash ? await this.recovery.findTicketByHash(hash) : null;
    if (!found) return { ok: false, reason: 'unknown' };
    const state = recoveryTicketState(found.ticket, found.session, this.clock.now());
    if (state !== 'valid') return { ok: false, reason: state };
    const email = await this.emails.findById(found.ticket.userEmailId);
    const user = email ? await this.users.findById(email.userId) : null;
    if (!user) return { ok: false, reason: 'unknown' };
    if (user.lockedAt !== null || user.deactivatedAt !== null) {
      return { ok: false, reason: 'locked' };
    }
    return { ok: true, value: { ...found, user } };
  }
}
