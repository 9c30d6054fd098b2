import { Int, Nested, Rule } from '../validation/rules';

/** MAS's bounds: the period 1/`per_second` must be at least 1 ns (governor's `Quota`). */
const MAX_PER_SECOND = 1e9;

/**
 * A token bucket: `burst` actions at once, refilled at `per_second` (GCRA in MAS). As in MAS,
 * `burst` is a whole number of at least 1 (`NonZeroU32`) and `per_second` is more than 0 and
 * at most 1e9, so a limiter can neither refuse everything nor never refill
 * (crates/config/src/sections/rate_limiting.rs). How mas-ts enforces it: src/rate-limit.
 */
export class RateLimiterConfig {
  @Int(1, 4_294_967_295) burst!: number;
  @Rule(
    'perSecond',
    (v) => typeof v === 'number' && Number.isFinite(v) && v > 0 && v <= MAX_PER_SECOND,
    `must be a number more than 0 and at most ${MAX_PER_SECOND}`,
  )
  per_second!: number;

  static of(burst: number, per_second: number): RateLimiterConfig {
    return Object.assign(new RateLimiterConfig(), { burst, per_second });
  }
}

const bucket = (burst: number, perSecond: number) => RateLimiterConfig.of(burst, perSecond);

export class AccountRecoveryRateLimits {
  @Nested(() => RateLimiterConfig) per_ip = bucket(3, 0.0008);
  @Nested(() => RateLimiterConfig) per_address = bucket(3, 0.0002);
}

export class LoginRateLimits {
  @Nested(() => RateLimiterConfig) per_ip = bucket(3, 0.05);
  @Nested(() => RateLimiterConfig) per_account = bucket(1800, 0.5);
}

export class EmailAuthenticationRateLimits {
  @Nested(() => RateLimiterConfig) per_ip = bucket(5, 0.016666);
  @Nested(() => RateLimiterConfig) per_address = bucket(3, 0.000277);
  @Nested(() => RateLimiterConfig) emails_per_session = bucket(2, 0.003333);
  @Nested(() => RateLimiterConfig) attempt_per_session = bucket(10, 0.016666);
}

/** `rate_limiting` with MAS's defaults (docs/reference/configuration.md#rate_limiting). */
export class RateLimitingConfig {
  @Nested(() => AccountRecoveryRateLimits) account_recovery = new AccountRecoveryRateLimits();
  @Nested(() => LoginRateLimits) login = new LoginRateLimits();
  @Nested(() => RateLimiterConfig) registration = bucket(3, 0.0008);
  @Nested(() => EmailAuthenticationRateLimits) email_authentication =
    new EmailAuthenticationRateLimits();
  /** User codes submitted on the device link page, per IP. */
  @Nested(() => RateLimiterConfig) device_code_link = bucket(10, 0.016666);
}
