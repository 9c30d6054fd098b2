import { Injectable } from '@nestjs/common';
import { MatrixConfig } from '../config';
import { Clock, hashToken, Rng } from '../core';
import { Mailer } from '../email';
import { UrlBuilder } from '../http/url-builder';
import {
  recoverySessionMaySend,
  recoveryTicketExpiry,
} from '../storage/users/recovery-ticket.state';
import { UserEmailRepository } from '../storage/users/user-email.repository';
import { UserRecoveryRepository } from '../storage/users/user-recovery.repository';
import { UserRepository } from '../storage/users/user.repository';
import { RECOVERY_LINK_MINUTES } from './recovery-settings';

/** 32 characters of [A-Za-z0-9]: about 190 bits, the length of MAS's recovery tickets. */
export const RECOVERY_TICKET_LENGTH = 32;

/** What one run of the recovery mail job did. */
export interface RecoveryLinksOutcome {
  sent: number;
  /** Why nothing was sent, when the session was unknown, used or too old. */
  skipped?: 'unknown session' | 'consumed or stale';
}

/**
 * Mails the recovery links of a recovery session (MAS `SendAccountRecoveryEmailsJob`,
 * crates/tasks/src/recovery.rs): one link to every address equal to the session's (ignoring
 * letter case) whose account is neither locked nor deactivated. Each link carries a fresh
 * ticket whose SHA-256 alone is stored. A mail that fails loses its ticket and the error is
 * thrown for the job to retry; a retry skips the addresses already mailed.
 */
@Injectable()
export class RecoveryLinks {
  constructor(
    private readonly recovery: UserRecoveryRepository,
    private readonly emails: UserEmailRepository,
    private readonly users: UserRepository,
    private readonly mailer: Mailer,
    private readonly urls: UrlBuilder,
    private readonly matrix: MatrixConfig,
    private readonly clock: Clock,
    private readonly rng: Rng,
  ) {}

  async send(recoverySessionId: string): Promise<RecoveryLinksOutcome> {
    const session = await this.recovery.findSessionById(recoverySessionId);
    if (!session) return { sent: 0, skipped: 'unknown session' };
    if (!recoverySessionMaySend(session, this.clock.now())) {
      return { sent: 0, skipped: 'consumed or stale' };
    }
    let sent = 0;
    for (const email of await this.emails.listByAddress(session.email)) {
      const user = await this.users.findById(email.userId);
      if (!user || user.lockedAt !== null || user.deactivatedAt !== null) continue;
      if (await this.recovery.hasTicketFor(session.id, email.id)) continue;
      const ticket = this.rng.alphanumeric(RECOVERY_TICKET_LENGTH);
      const now = this.clock.now();
      const ticketId = this.rng.ulid();
      await this.recovery.addTicket({
        id: ticketId,
        recoverySessionId: session.id,
        userEmailId: email.id,
        ticketSha256: hashToken(ticket),
        createdAt: now,
        expiresAt: recoveryTicketExpiry(now),
      });
      try {
        await this.mailer.send({
          template: 'recovery',
          to: email.email,
          locale: session.locale,
          context: {
            username: user.username,
            mxid: `@${user.username}:${this.matrix.homeserver}`,
            link: this.urls.absolute(
              `account/password/recovery?ticket=${encodeURIComponent(ticket)}`,
            ),
            minutes: RECOVERY_LINK_MINUTES,
          },
        });
      } catch (error) {
        await this.recovery.deleteTicket(ticketId);
        throw error;
      }
      sent += 1;
    }
    return { sent };
  }
}
