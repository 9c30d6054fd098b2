import { Injectable } from '@nestjs/common';
import { AccountConfig, PasswordsConfig } from '../config';
import { RECOVERY_TICKET_TTL_MS } from '../storage/users/recovery-ticket.state';

/** Minutes a recovery link is valid, as the pages and the mail say it. */
export const RECOVERY_LINK_MINUTES = RECOVERY_TICKET_TTL_MS / 60_000;

/** Whether password recovery is on (MAS: password login on and `password_recovery_enabled`). */
@Injectable()
export class RecoverySettings {
  readonly enabled: boolean;

  constructor(account: AccountConfig, passwords: PasswordsConfig) {
    this.enabled = account.password_recovery_enabled && passwords.enabled;
  }
}
