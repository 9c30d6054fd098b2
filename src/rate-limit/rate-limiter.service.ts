import { Injectable } from '@nestjs/common';
import { RateLimiterConfig, RateLimitingConfig } from '../config';
import { Bucket } from './bucket';
import type { RateLimitVerdict } from './rate-limit-verdict';
import { requesterKey } from './requester-key';

/** Live username checks per client: 30 at once, then one every 2 seconds. */
const USERNAME_LOOKUPS = RateLimiterConfig.of(30, 0.5);

/**
 * MAS's rate limiters (crates/handlers/src/rate_limit.rs), one named check per kind of action,
 * with the `rate_limiting` config. Per process and in memory, as MAS; see {@link Bucket} for
 * how a limiter counts.
 */
@Injectable()
export class RateLimiter {
  private readonly passwordPerIp: Bucket;
  private readonly passwordPerAccount: Bucket;
  private readonly deviceLinkPerIp: Bucket;
  private readonly deviceLinkPerSession: Bucket;
  private readonly recoveryPerIp: Bucket;
  private readonly recoveryPerAddress: Bucket;
  private readonly registrationPerIp: Bucket;
  private readonly emailPerIp: Bucket;
  private readonly emailPerAddress: Bucket;
  private readonly emailPerAuthentication: Bucket;
  private readonly emailAttemptPerAuthentication: Bucket;
  private readonly usernameLookupPerIp = new Bucket('username-lookup-ip', USERNAME_LOOKUPS);

  constructor(config: RateLimitingConfig) {
    this.passwordPerIp = new Bucket('password-ip', config.login.per_ip);
    this.passwordPerAccount = new Bucket('password-account', config.login.per_account);
    this.deviceLinkPerIp = new Bucket('device-link-ip', config.device_code_link);
    this.deviceLinkPerSession = new Bucket('device-link-session', config.device_code_link);
    this.recoveryPerIp = new Bucket('recovery-ip', config.account_recovery.per_ip);
    this.recoveryPerAddress = new Bucket('recovery-address', config.account_recovery.per_address);
    this.registrationPerIp = new Bucket('registration-ip', config.registration);
    const email = config.email_authentication;
    this.emailPerIp = new Bucket('email-ip', email.per_ip);
    this.emailPerAddress = new Bucket('email-address', email.per_address);
    this.emailPerAuthentication = new Bucket('email-authentication', email.emails_per_session);
    this.emailAttemptPerAuthentication = new Bucket('email-attempt', email.attempt_per_session);
  }

  /**
   * One password check by the client at `ip` (null when unknown) against `accountKey`, asked
   * before the password is verified (MAS `check_password`, `rate_limiting.login`). The address
   * is charged first; an attempt it refuses is not charged to the account, so one client cannot
   * use up someone else's allowance; otherwise the account is charged too. `accountKey` is
   * opaque: the caller makes it the same for every spelling of one account, and equally shaped
   * for unknown accounts so the answers do not tell whether an account exists.
   */
  async checkPassword(ip: string | null, accountKey: string): Promise<RateLimitVerdict> {
    const byAddress = await this.passwordPerIp.take(requesterKey(ip));
    if (!byAddress.allowed) return byAddress;
    return this.passwordPerAccount.take(accountKey);
  }

  /**
   * One user code submitted on the device link page (RFC 8628 §5.1: user codes are short, so
   * guessing must be rate limited), by the client at `ip` and, when signed in, from the browser
   * session `sessionId`; both are limited by `rate_limiting.device_code_link`. The address is
   * charged first; an attempt it refuses is not charged to the session.
   */
  async checkDeviceLink(ip: string | null, sessionId: string | null): Promise<RateLimitVerdict> {
    const byAddress = await this.deviceLinkPerIp.take(requesterKey(ip));
    if (!byAddress.allowed || sessionId === null) return byAddress;
    return this.deviceLinkPerSession.take(sessionId);
  }

  /**
   * One password recovery request by the client at `ip` for the email `address` (MAS
   * `check_account_recovery`, `rate_limiting.account_recovery`), asked whether or not an account
   * has the address. The client is charged first; a request it refuses is not charged to the
   * address, so one client cannot keep the mails of an address from being sent. Addresses are
   * compared ignoring letter case, as the lookup does.
   */
  async checkAccountRecovery(ip: string | null, address: string): Promise<RateLimitVerdict> {
    const byClient = await this.recoveryPerIp.take(requesterKey(ip));
    if (!byClient.allowed) return byClient;
    return this.recoveryPerAddress.take(address.toLowerCase());
  }

  /**
   * One live username check of the registration form by the client at `ip` (not in MAS, which
   * has no such check): each costs a homeserver call and tells whether a username exists, so
   * it is limited like an enumeration would need, independently of `rate_limiting.registration`
   * (which a person typing would otherwise use up).
   */
  async checkUsernameLookup(ip: string | null): Promise<RateLimitVerdict> {
    return this.usernameLookupPerIp.take(requesterKey(ip));
  }

  /**
   * One password registration submitted by the client at `ip` (MAS `check_registration`,
   * `rate_limiting.registration`), asked before anything is checked or stored.
   */
  async checkRegistration(ip: string | null): Promise<RateLimitVerdict> {
    return this.registrationPerIp.take(requesterKey(ip));
  }

  /**
   * One verification code mailed to `address` for the client at `ip` (MAS
   * `check_email_authentication`, `rate_limiting.email_authentication`): per client, then per
   * address, then, for a resend, per email authentication (`emails_per_session`; MAS keys it by
   * browser session, mas-ts by the authentication so that registrations, which have no session,
   * are limited too). A request refused by one is not charged to the next.
   */
  async checkEmailCodeSend(
    ip: string | null,
    address: string,
    authenticationId: string | null,
  ): Promise<RateLimitVerdict> {
    const byClient = await this.emailPerIp.take(requesterKey(ip));
    if (!byClient.allowed) return byClient;
    const byAddress = await this.emailPerAddress.take(address.toLowerCase());
    if (!byAddress.allowed || authenticationId === null) return byAddress;
    return this.emailPerAuthentication.take(authenticationId);
  }

  /**
   * One code entered for the email authentication `authenticationId` (MAS
   * `check_email_authentication_attempt`, `attempt_per_session`): six digits are guessable,
   * so attempts are limited whoever makes them.
   */
  async checkEmailCodeAttempt(authenticationId: string): Promise<RateLimitVerdict> {
    return this.emailAttemptPerAuthentication.take(authenticationId);
  }
}
