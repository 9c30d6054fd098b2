import type { ConfigProblem } from '../config-error';
import type { CrossChecked } from '../validation/cross-check';
import { Bool, Int, Nested, Opt, Str } from '../validation/rules';

/** `experimental.inactive_session_expiration`. */
export class InactiveSessionExpirationConfig {
  /** Seconds of inactivity after which a session is finished. */
  @Int(600, 7_776_000) ttl!: number;
  @Bool() expire_compat_sessions: boolean = true;
  @Bool() expire_oauth_sessions: boolean = true;
  @Bool() expire_user_sessions: boolean = true;
}

/** `experimental.session_limit` (policy `too-many-sessions`, inventory §10). */
export class SessionLimitConfig implements CrossChecked {
  @Int(1) soft_limit!: number;
  @Int(1) hard_limit!: number;
  @Opt() @Int(1) max_session_threshold?: number;
  @Bool() dangerous_hard_limit_eviction: boolean = false;

  crossCheck(): ConfigProblem[] {
    return this.dangerous_hard_limit_eviction === true &&
      typeof this.hard_limit === 'number' &&
      this.hard_limit < 2
      ? [{ path: 'hard_limit', message: 'must be at least 2 with dangerous_hard_limit_eviction' }]
      : [];
  }
}

/** `experimental` (MAS crates/config/src/sections/experimental.rs). */
export class ExperimentalConfig {
  /** OAuth 2.0 access token lifetime, seconds. */
  @Int(60, 86400) access_token_ttl: number = 300;

  /** Compat access token lifetime when refresh tokens are used, seconds. */
  @Int(60, 86400) compat_token_ttl: number = 300;

  @Opt()
  @Nested(() => InactiveSessionExpirationConfig)
  inactive_session_expiration?: InactiveSessionExpirationConfig;

  /** Passed to the client as is. */
  @Opt() @Str() plan_management_iframe_uri?: string;

  @Opt() @Nested(() => SessionLimitConfig) session_limit?: SessionLimitConfig;
}
