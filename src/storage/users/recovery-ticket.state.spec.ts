import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  RECOVERY_SESSION_SEND_WINDOW_MS,
  RECOVERY_TICKET_TTL_MS,
  recoverySessionMaySend,
  recoveryTicketExpiry,
  recoveryTicketState,
} from './recovery-ticket.state';

const issued = new Date('2024-01-01T00:00:00Z');
const ticket = { expiresAt: recoveryTicketExpiry(issued) };
const at = (ms: number) => new Date(issued.getTime() + ms);

describe('recovery ticket state', () => {
  it('should make a ticket valid for exactly 10 minutes', () => {
    assert.equal(RECOVERY_TICKET_TTL_MS, 600_000);
    const open = { consumedAt: null };
    assert.equal(recoveryTicketState(ticket, open, issued), 'valid');
    assert.equal(recoveryTicketState(ticket, open, at(RECOVERY_TICKET_TTL_MS - 1)), 'valid');
    assert.equal(recoveryTicketState(ticket, open, at(RECOVERY_TICKET_TTL_MS)), 'expired');
    assert.equal(recoveryTicketState(ticket, open, at(RECOVERY_TICKET_TTL_MS * 10)), 'expired');
  });

  it('should report a ticket of a used session as consumed, even when it also expired', () => {
    const used = { consumedAt: at(1000) };
    assert.equal(recoveryTicketState(ticket, used, at(2000)), 'consumed');
    assert.equal(recoveryTicketState(ticket, used, at(RECOVERY_TICKET_TTL_MS + 1)), 'consumed');
  });

  it('should send the mails of a session only while it is unused and recent', () => {
    const fresh = { consumedAt: null, createdAt: issued };
    assert.equal(recoverySessionMaySend(fresh, at(0)), true);
    assert.equal(recoverySessionMaySend(fresh, at(RECOVERY_SESSION_SEND_WINDOW_MS - 1)), true);
    assert.equal(recoverySessionMaySend(fresh, at(RECOVERY_SESSION_SEND_WINDOW_MS)), false);
    assert.equal(recoverySessionMaySend({ ...fresh, consumedAt: at(5) }, at(10)), false);
  });
});
