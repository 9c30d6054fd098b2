import { Check, Entity, ForeignKey, Index, Unique } from 'typeorm';
import { Sha256Column, TimestampColumn } from '../columns';
import { UlidColumn, UlidPrimaryColumn } from '../ulid-column';
import { UserEmailEntity } from './user-email.entity';
import { UserRecoverySessionEntity } from './user-recovery-session.entity';

/**
 * A recovery link sent to one email of a recovery session. Mirrors MAS `user_recovery_tickets`,
 * but stores `ticket_sha256` (unique) instead of the ticket.
 */
@Entity({ name: 'user_recovery_tickets' })
@Unique('user_recovery_tickets_ticket_sha256_key', ['ticketSha256'])
@Check('user_recovery_tickets_ticket_sha256_check', 'octet_length(ticket_sha256) = 32')
@Index('user_recovery_tickets_session_fk', ['userRecoverySessionId'])
@Index('user_recovery_tickets_user_email_fk', ['userEmailId'])
export class UserRecoveryTicketEntity {
  @UlidPrimaryColumn('user_recovery_ticket_id', 'user_recovery_tickets_pkey')
  id!: string;

  @UlidColumn('user_recovery_session_id')
  @ForeignKey(() => UserRecoverySessionEntity, {
    name: 'user_recovery_tickets_user_recovery_session_id_fkey',
    onDelete: 'CASCADE',
  })
  userRecoverySessionId!: string;

  @UlidColumn('user_email_id')
  @ForeignKey(() => UserEmailEntity, {
    name: 'user_recovery_tickets_user_email_id_fkey',
    onDelete: 'CASCADE',
  })
  userEmailId!: string;

  @Sha256Column('ticket_sha256')
  ticketSha256!: Buffer;

  @TimestampColumn('created_at')
  createdAt!: Date;

  @TimestampColumn('expires_at')
  expiresAt!: Date;
}
