import type { DataSource } from 'typeorm';
import {
  AccountConfig,
  MatrixConfig,
  PasswordSchemeConfig,
  PasswordsConfig,
  RateLimiterConfig,
  RateLimitingConfig,
  type PasswordAlgorithm,
} from '../../src/config';
import { PasswordHasher } from '../../src/passwords/password-hasher';
import { RateLimiter } from '../../src/rate-limit';
import { UserEmailRepository } from '../../src/storage/users/user-email.repository';
import { UserPasswordRepository } from '../../src/storage/users/user-password.repository';
import { UserRepository } from '../../src/storage/users/user.repository';
import { UserAccounts } from '../../src/users/user-accounts.service';
import { FakeClock } from '../fakes/fake-clock';
import { SeededRng } from '../fakes/seeded-rng';

export const SERVER_NAME = 'example.test';

let instances = 0;

export interface AccountsOptions {
  schemes?: { version: number; algorithm: PasswordAlgorithm; cost?: number }[];
  passwordsEnabled?: boolean;
  loginWithEmail?: boolean;
  clock?: FakeClock;
  seed?: string;
  /** `rate_limiting.login`; by default so generous that no test reaches it. */
  loginLimits?: { per_ip: RateLimiterConfig; per_account: RateLimiterConfig };
}

const GENEROUS = RateLimiterConfig.of(1_000_000, 1_000);

/** A `UserAccounts` wired by hand on `ds`, with a fake clock and a seeded RNG. */
export function accountsOn(ds: DataSource, options: AccountsOptions = {}): UserAccounts {
  const clock = options.clock ?? new FakeClock();
  const rng = new SeededRng(options.seed ?? `accounts-${++instances}`, clock);
  const schemes = (options.schemes ?? [{ version: 1, algorithm: 'argon2id' }]).map((s) =>
    Object.assign(PasswordSchemeConfig.of(s.version, s.algorithm), { cost: s.cost }),
  );
  const passwords = Object.assign(new PasswordsConfig(), {
    enabled: options.passwordsEnabled ?? true,
    schemes,
  });
  const account = Object.assign(new AccountConfig(), {
    login_with_email_allowed: options.loginWithEmail ?? false,
  });
  const matrix = Object.assign(new MatrixConfig(), { homeserver: SERVER_NAME });
  const rateLimiting = new RateLimitingConfig();
  rateLimiting.login.per_ip = options.loginLimits?.per_ip ?? GENEROUS;
  rateLimiting.login.per_account = options.loginLimits?.per_account ?? GENEROUS;
  return new UserAccounts(
    new UserRepository(ds),
    new UserPasswordRepository(ds),
    new UserEmailRepository(ds),
    new PasswordHasher(passwords, rng),
    new RateLimiter(rateLimiting),
    account,
    matrix,
    clock,
    rng,
  );
}
