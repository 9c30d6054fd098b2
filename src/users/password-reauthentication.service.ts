import { Injectable } from '@nestjs/common';
import { Clock, Rng } from '../core';
import { PasswordComplexity, PasswordTooWeak } from '../passwords/password-complexity';
import { PasswordHasher } from '../passwords/password-hasher';
import { RateLimiter } from '../rate-limit';
import { UserPasswordRepository } from '../storage/users/user-password.repository';
import { accountKeyOfUser } from './password-check-key';

/** The answer of a password re-check for a signed-in user. */
export type PasswordRecheck =
  | { ok: true }
  | { ok: false; reason: 'wrong_password' | 'no_password' | 'passwords_disabled' }
  /** `rate_limiting.login` refused the attempt; the password was not checked. */
  | { ok: false; reason: 'rate_limited'; retryAfterMs: number };

/** The answer of a password change. */
export type PasswordChange =
  | { ok: true }
  | Exclude<PasswordRecheck, { ok: true }>
  | { ok: false; reason: 'empty' | 'too_weak' };

/**
 * The password of a user who is already signed in: re-checking it before a sensitive action
 * and changing it (MAS GraphQL `setPassword`, `verify_password_if_needed`). Re-checks are
 * limited by `rate_limiting.login` like a login, per address and per account, so a stolen
 * browser session cannot be used to guess the password.
 */
@Injectable()
export class PasswordReauthentication {
  constructor(
    private readonly passwords: UserPasswordRepository,
    private readonly hasher: PasswordHasher,
    private readonly complexity: PasswordComplexity,
    private readonly limiter: RateLimiter,
    private readonly clock: Clock,
    private readonly rng: Rng,
  ) {}

  /** True when the user has a password here (users of an upstream provider may have none). */
  async hasPassword(userId: string): Promise<boolean> {
    return (await this.passwords.findActiveForUser(userId)) !== null;
  }

  /** Checks `password` against the user's active password, from the client at `ip`. */
  async recheck(userId: string, password: string, ip: string | null): Promise<PasswordRecheck> {
    if (!this.hasher.enabled) return { ok: false, reason: 'passwords_disabled' };
    const active = await this.passwords.findActiveForUser(userId);
    if (!active) return { ok: false, reason: 'no_password' };
    const limit = await this.limiter.checkPassword(ip, accountKeyOfUser(userId));
    if (!limit.allowed) {
      return { ok: false, reason: 'rate_limited', retryAfterMs: limit.retryAfterMs };
    }
    const verification = await this.hasher.verify(active.hashedPassword, active.version, password);
    return verification.ok ? { ok: true } : { ok: false, reason: 'wrong_password' };
  }

  /**
   * Replaces the user's password with `next` after re-checking `current` (skipped when the
   * user has no password yet, as MAS does) and judging `next` against
   * `passwords.minimum_complexity`.
   */
  async change(
    userId: string,
    current: string,
    next: string,
    ip: string | null,
  ): Promise<PasswordChange> {
    if (!this.hasher.enabled) return { ok: false, reason: 'passwords_disabled' };
    if (await this.hasPassword(userId)) {
      const recheck = await this.recheck(userId, current, ip);
      if (!recheck.ok) return recheck;
    }
    if (next.length === 0) return { ok: false, reason: 'empty' };
    try {
      this.complexity.check(next);
    } catch (error) {
      if (error instanceof PasswordTooWeak) return { ok: false, reason: 'too_weak' };
      throw error;
    }
    const hashed = await this.hasher.hash(next);
    await this.passwords.add({
      id: this.rng.ulid(),
      userId,
      hashedPassword: hashed.hash,
      version: hashed.version,
      createdAt: this.clock.now(),
    });
    return { ok: true };
  }
}
