import { Injectable } from '@nestjs/common';
import { Clock, Rng } from '../core';
import { TransactionRunner, type Tx } from '../database/transaction';
import { SessionProvisioner } from '../homeserver/session-provisioner.service';
import { UserDeviceLock } from '../homeserver/user-device-lock';
import { CompatSessionRepository } from '../storage/compat/compat-session.repository';
import { CompatSessionTerminator } from './compat-session-terminator';
import { CompatTokenIssuer, type IssuedCompatTokens } from './compat-token-issuer';

/** Length of the device ids mas-ts draws (MAS `Device::generate`: 10 alphanumerics). */
const GENERATED_DEVICE_ID_LENGTH = 10;

/** A legacy Matrix login to turn into a session. */
export interface CompatSessionRequest {
  user: { id: string; username: string };
  /** The client's `device_id`; a new one is drawn when absent. */
  deviceId?: string;
  /** `initial_device_display_name`; null keeps the homeserver's default. */
  deviceName: string | null;
  withRefreshToken: boolean;
  /** Grants `urn:synapse:admin:*` (`issue-compatibility-token --yes-i-want-…`). */
  isSynapseAdmin: boolean;
  /** The browser session of an SSO login; null for a password login. */
  userSessionId: string | null;
  userAgent: string | null;
  ip: string | null;
  /** Runs inside the session's transaction before it commits (e.g. spend a login token). */
  beforeCommit?: (sessionId: string, tx: Tx) => Promise<void>;
}

export interface StartedCompatSession extends IssuedCompatTokens {
  sessionId: string;
  deviceId: string;
  /** Whether an earlier session of this device was ended (MAS `session_replaced`). */
  replacedSessions: number;
}

/**
 * Starts a compat session (MAS compat/login.rs): the user and the device are provisioned on
 * the homeserver first (CONTRACTS §3: Synapse refuses tokens of unknown users and devices),
 * then, in one transaction, earlier sessions of the same device are ended (a client that logs
 * in again with its `device_id` replaces its old session), the session is added and its tokens
 * minted. All of it runs under the user's device lock, so a device sync cannot delete the new
 * device between the upsert and the commit. Throws a HomeserverError when the homeserver
 * cannot be prepared; nothing is stored then.
 */
@Injectable()
export class CompatSessionStarter {
  constructor(
    private readonly clock: Clock,
    private readonly rng: Rng,
    private readonly tx: TransactionRunner,
    private readonly sessions: CompatSessionRepository,
    private readonly terminator: CompatSessionTerminator,
    private readonly tokens: CompatTokenIssuer,
    private readonly provisioner: SessionProvisioner,
    private readonly deviceLock: UserDeviceLock,
  ) {}

  /** Draws a device id for a client that did not name one. */
  newDeviceId(): string {
    return this.rng.alphanumeric(GENERATED_DEVICE_ID_LENGTH);
  }

  async start(request: CompatSessionRequest): Promise<StartedCompatSession> {
    const deviceId = request.deviceId ?? this.newDeviceId();
    const { user } = request;
    return this.deviceLock.run(user.id, async () => {
      await this.provisioner.provision({
        userId: user.id,
        localpart: user.username,
        deviceId,
        deviceName: request.deviceName ?? deviceId,
      });
      return this.tx.run(async (t) => {
        let replacedSessions = 0;
        for (const id of await this.sessions.listActiveIdsOfUserDevice(user.id, deviceId, t)) {
          if (await this.terminator.endIn(id, t)) replacedSessions += 1;
        }
        const sessionId = this.rng.ulid();
        await this.sessions.add(
          {
            id: sessionId,
            userId: user.id,
            deviceId,
            createdAt: this.clock.now(),
            isSynapseAdmin: request.isSynapseAdmin,
            userSessionId: request.userSessionId,
            userAgent: request.userAgent,
            humanName: request.deviceName,
            lastActiveIp: request.ip,
          },
          t,
        );
        await request.beforeCommit?.(sessionId, t);
        const issued = await this.tokens.issue(sessionId, request.withRefreshToken, t);
        return { ...issued, sessionId, deviceId, replacedSessions };
      });
    });
  }
}
