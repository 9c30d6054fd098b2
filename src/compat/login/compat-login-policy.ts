import { Injectable, Logger } from '@nestjs/common';
import {
  PolicyEngine,
  SessionCounter,
  type CompatLoginType,
  type Requester,
  type Violation,
} from '../../policy';
import { CompatSessionEvictor } from '../../sessions';
import { CompatSessionRepository } from '../../storage/compat/compat-session.repository';
import { forbidden } from '../matrix-error';

/** The login being judged. */
export interface CompatLoginAttempt {
  user: { id: string; username: string };
  type: CompatLoginType;
  /** The client's `device_id`, when it named one. */
  deviceId?: string;
  requester: Requester;
}

/** Refusal text of the hard session limit (MAS compat/login.rs). */
const HARD_LIMIT_MESSAGE =
  'You have reached your hard device limit. Sign out of some of your devices and try again.';

/**
 * The `compat_login` policy at the legacy login (MAS compat/login.rs, compat_login.rego):
 * requester bans, and the session limit (`experimental.session_limit`): password and token
 * logins are held to `hard_limit`, the SSO page to `soft_limit`; a login that replaces a
 * session of the same device adds none and is not limited.
 */
@Injectable()
export class CompatLoginPolicy {
  private readonly logger = new Logger(CompatLoginPolicy.name);

  constructor(
    private readonly engine: PolicyEngine,
    private readonly counter: SessionCounter,
    private readonly sessions: CompatSessionRepository,
    private readonly evictor: CompatSessionEvictor,
  ) {}

  /** The violations of the attempt (for the SSO page, which can show them). */
  async violations(attempt: CompatLoginAttempt): Promise<Violation[]> {
    return (await this.verdict(attempt)).violations;
  }

  /**
   * For `POST /login`: returns when the login may go on; with `dangerous_hard_limit_eviction`,
   * first ends the least recently active compat sessions the hard limit asks for. Otherwise
   * throws 403 `M_FORBIDDEN` naming the violation.
   */
  async enforce(attempt: CompatLoginAttempt): Promise<void> {
    const verdict = await this.verdict(attempt);
    if (verdict.violations.length === 0) return;
    const eviction = verdict.hardLimitEviction;
    if (eviction && (await this.evictor.evict(attempt.user.id, eviction.needToRemove))) {
      this.logger.warn(
        `ended ${eviction.needToRemove} compat session(s) of user ${attempt.user.id} at the hard session limit`,
      );
      return;
    }
    const limit = verdict.violations.find((v) => v.code === 'too-many-sessions');
    throw forbidden(limit ? HARD_LIMIT_MESSAGE : verdict.violations.map((v) => v.msg).join('; '));
  }

  private async verdict(attempt: CompatLoginAttempt) {
    const replaced =
      attempt.deviceId !== undefined &&
      (await this.sessions.listActiveIdsOfUserDevice(attempt.user.id, attempt.deviceId)).length > 0;
    return this.engine.evaluateCompatLogin({
      user: attempt.user,
      login: { type: attempt.type },
      sessionReplaced: replaced,
      sessionCounts: await this.counter.countForLimiting(attempt.user.id),
      requester: attempt.requester,
    });
  }
}
