import { Injectable } from '@nestjs/common';
import { DataSource, IsNull } from 'typeorm';
import { managerOf, type Tx } from '../../database/transaction';
import { UserRecoverySessionEntity } from './user-recovery-session.entity';
import { UserRecoveryTicketEntity } from './user-recovery-ticket.entity';

/** What `UserRecoveryRepository.addSession` stores. */
export interface NewRecoverySession {
  id: string;
  email: string;
  userAgent: string;
  ipAddress: string | null;
  locale: string;
  createdAt: Date;
}

/** What `UserRecoveryRepository.addTicket` stores (only the hash of the ticket). */
export interface NewRecoveryTicket {
  id: string;
  recoverySessionId: string;
  userEmailId: string;
  ticketSha256: Buffer;
  createdAt: Date;
  expiresAt: Date;
}

/** A ticket with the session it belongs to. */
export interface RecoveryTicketWithSession {
  ticket: UserRecoveryTicketEntity;
  session: UserRecoverySessionEntity;
}

/**
 * Password recovery requests (`user_recovery_sessions`) and the links mailed for them
 * (`user_recovery_tickets`, one per matching address). A session is consumed once, by the
 * first of its tickets used to set a password.
 */
@Injectable()
export class UserRecoveryRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Inserts an unconsumed session. */
  async addSession(row: NewRecoverySession, tx?: Tx): Promise<void> {
    await managerOf(tx, this.dataSource).insert(UserRecoverySessionEntity, {
      ...row,
      consumedAt: null,
    });
  }

  /** The session with this id, or null when there is none. */
  findSessionById(id: string, tx?: Tx): Promise<UserRecoverySessionEntity | null> {
    return managerOf(tx, this.dataSource).findOneBy(UserRecoverySessionEntity, { id });
  }

  /** Inserts a ticket. Throws when the session or the email address does not exist. */
  async addTicket(row: NewRecoveryTicket, tx?: Tx): Promise<void> {
    await managerOf(tx, this.dataSource).insert(UserRecoveryTicketEntity, {
      id: row.id,
      userRecoverySessionId: row.recoverySessionId,
      userEmailId: row.userEmailId,
      ticketSha256: row.ticketSha256,
      createdAt: row.createdAt,
      expiresAt: row.expiresAt,
    });
  }

  /** Deletes a ticket (its mail could not be sent); false when there was none. */
  async deleteTicket(id: string, tx?: Tx): Promise<boolean> {
    const result = await managerOf(tx, this.dataSource).delete(UserRecoveryTicketEntity, { id });
    return (result.affected ?? 0) > 0;
  }

  /** Whether the session already has a ticket for this address (its mail was sent). */
  async hasTicketFor(recoverySessionId: string, userEmailId: string, tx?: Tx): Promise<boolean> {
    return managerOf(tx, this.dataSource).existsBy(UserRecoveryTicketEntity, {
      userRecoverySessionId: recoverySessionId,
      userEmailId,
    });
  }

  /** The ticket with this hash and its session, or null when no ticket has it. */
  async findTicketByHash(ticketSha256: Buffer, tx?: Tx): Promise<RecoveryTicketWithSession | null> {
    const manager = managerOf(tx, this.dataSource);
    const ticket = await manager.findOneBy(UserRecoveryTicketEntity, { ticketSha256 });
    if (!ticket) return null;
    const session = await manager.findOneBy(UserRecoverySessionEntity, {
      id: ticket.userRecoverySessionId,
    });
    return session ? { ticket, session } : null;
  }

  /**
   * Marks the session consumed with a conditional UPDATE, so that of racing uses of its tickets
   * exactly one wins. False when it was already consumed (or does not exist).
   */
  async consumeSession(id: string, now: Date, tx?: Tx): Promise<boolean> {
    const result = await managerOf(tx, this.dataSource).update(
      UserRecoverySessionEntity,
      { id, consumedAt: IsNull() },
      { consumedAt: now },
    );
    return (result.affected ?? 0) > 0;
  }
}
