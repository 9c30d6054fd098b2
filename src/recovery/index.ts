export {
  RecoveryLinks,
  RECOVERY_TICKET_LENGTH,
  type RecoveryLinksOutcome,
} from './recovery-links.service';
export {
  RecoveryRequests,
  type PasswordReset,
  type RecoveryRequester,
  type RecoveryStart,
  type TicketInspection,
  type UnusableTicket,
} from './recovery-requests.service';
export { RECOVERY_LINK_MINUTES, RecoverySettings } from './recovery-settings';
export { RecoveryModule } from './recovery.module';
