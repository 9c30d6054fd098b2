import { Injectable } from '@nestjs/common';
import { AccountConfig, MatrixConfig } from '../config';
import { Clock, Rng } from '../core';
import { PasswordHasher } from '../passwords/password-hasher';
import { PasswordsDisabled } from '../passwords/password-errors';
import { RateLimiter } from '../rate-limit';
import { UserEmailRepository } from '../storage/users/user-email.repository';
import { UserPasswordRepository } from '../storage/users/user-password.repository';
import type { UserEntity } from '../storage/users/user.entity';
import { UserRepository } from '../storage/users/user.repository';
import { isValidEmail } from './email-address';
import { accountKeyOfUnknown, accountKeyOfUser } from './password-check-key';
import {
  InvalidEmail,
  InvalidPassword,
  InvalidUsername,
  UsernameTaken,
  UserNotFound,
} from './user-errors';
import { localpartOf, usernameProblem } from './username';
import { toUserView, type UserView } from './user-view';

export type { UserView } from './user-view';

/** The result of a password login attempt (MAS views/login.rs). */
export type PasswordAuthentication =
  | { ok: true; user: UserView; passwordId: string }
  | {
      ok: false;
      reason: 'invalid_credentials' | 'locked' | 'deactivated' | 'password_login_disabled';
    }
  /** `rate_limiting.login` refused the attempt; the password was not checked. */
  | { ok: false; reason: 'rate_limited'; retryAfterMs: number };

/** What `register` creates. */
export interface RegisterUserInput {
  /** A localpart, or a full `@localpart:server` user ID of `matrix.homeserver`. */
  username: string;
  password?: string;
  emails?: string[];
  /** Sets `can_request_admin`. */
  admin?: boolean;
}

const INVALID_CREDENTIALS = { ok: false, reason: 'invalid_credentials' } as const;

/** Local accounts: password login, registration and password changes. */
@Injectable()
export class UserAccounts {
  constructor(
    private readonly users: UserRepository,
    private readonly passwords: UserPasswordRepository,
    private readonly emails: UserEmailRepository,
    private readonly hasher: PasswordHasher,
    private readonly limiter: RateLimiter,
    private readonly account: AccountConfig,
    private readonly matrix: MatrixConfig,
    private readonly clock: Clock,
    private readonly rng: Rng,
  ) {}

  /**
   * Checks a username (localpart or `@localpart:server` of this homeserver; case-insensitive)
   * or, when `account.login_with_email_allowed`, an email address owned by exactly one user,
   * with its password (MAS views/login.rs), for the client at `ip` (null when unknown).
   * `rate_limiting.login` is asked first, per address and per account, and for an unknown
   * identifier too (keyed by the identifier itself), so that a refusal, like every other
   * answer, does not tell whether the account exists; a refused attempt checks no password. An
   * unknown user still costs one verification, and locked/deactivated are disclosed only after a
   * correct password. A hash made by an older scheme is upgraded: a new `user_passwords` row
   * with `upgraded_from_id`.
   */
  async authenticate(
    identifier: string,
    password: string,
    ip: string | null,
  ): Promise<PasswordAuthentication> {
    if (!this.hasher.enabled) return { ok: false, reason: 'password_login_disabled' };
    const user = await this.lookUp(identifier);
    const limit = await this.limiter.checkPassword(
      ip,
      user ? accountKeyOfUser(user.id) : accountKeyOfUnknown(identifier, this.matrix.homeserver),
    );
    if (!limit.allowed) {
      return { ok: false, reason: 'rate_limited', retryAfterMs: limit.retryAfterMs };
    }
    const active = user ? await this.passwords.findActiveForUser(user.id) : null;
    if (!user || !active) {
      await this.hasher.verifyDummy(password);
      return INVALID_CREDENTIALS;
    }
    const verification = await this.hasher.verify(active.hashedPassword, active.version, password);
    if (!verification.ok) return INVALID_CREDENTIALS;
    let passwordId = active.id;
    if (verification.needsUpgrade) {
      const { hash, version } = await this.hasher.hash(password);
      const upgraded = await this.passwords.add({
        id: this.rng.ulid(),
        userId: user.id,
        hashedPassword: hash,
        version,
        upgradedFromId: active.id,
        createdAt: this.clock.now(),
      });
      passwordId = upgraded.id;
    }
    if (user.deactivatedAt) return { ok: false, reason: 'deactivated' };
    if (user.lockedAt) return { ok: false, reason: 'locked' };
    return { ok: true, user: toUserView(user), passwordId };
  }

  /**
   * Creates a user with an optional password and verified emails, in one transaction. Throws
   * InvalidUsername, InvalidEmail, InvalidPassword, UsernameTaken, or PasswordsDisabled when a
   * password is given while `passwords.enabled` is false.
   */
  async register(input: RegisterUserInput): Promise<UserView> {
    const username = this.registrableLocalpart(input.username);
    const emails = [...new Map((input.emails ?? []).map((e) => [e.toLowerCase(), e])).values()];
    const invalid = emails.find((e) => !isValidEmail(e));
    if (invalid !== undefined) throw new InvalidEmail(invalid);
    const hashed = input.password === undefined ? null : await this.hashNew(input.password);

    const user = await this.users.transaction(async (tx) => {
      if (await this.users.isUsernameTaken(username, tx)) throw new UsernameTaken(username);
      const now = this.clock.now();
      const added = await this.users.add(
        { id: this.rng.ulid(), username, createdAt: now, canRequestAdmin: input.admin === true },
        tx,
      );
      if (!added) throw new UsernameTaken(username);
      if (hashed) {
        await this.passwords.add(
          {
            id: this.rng.ulid(),
            userId: added.id,
            hashedPassword: hashed.hash,
            version: hashed.version,
            createdAt: now,
          },
          tx,
        );
      }
      for (const email of emails) {
        await this.emails.add({ id: this.rng.ulid(), userId: added.id, email, createdAt: now }, tx);
      }
      return added;
    });
    return toUserView(user);
  }

  /**
   * Gives the user a new password with the current scheme (a new `user_passwords` row; MAS
   * `manage set-password`), after `strength` (when given) has judged it. Throws UserNotFound,
   * InvalidPassword, PasswordsDisabled, or what `strength` throws (PasswordTooWeak).
   */
  async setPassword(
    username: string,
    password: string,
    strength?: { check(password: string): void },
  ): Promise<void> {
    const localpart = localpartOf(username, this.matrix.homeserver);
    const user = localpart === null ? null : await this.users.findByUsername(localpart);
    if (!user) throw new UserNotFound(username);
    strength?.check(password);
    const hashed = await this.hashNew(password);
    await this.passwords.add({
      id: this.rng.ulid(),
      userId: user.id,
      hashedPassword: hashed.hash,
      version: hashed.version,
      createdAt: this.clock.now(),
    });
  }

  /** The user with this id, or null. */
  async findById(id: string): Promise<UserView | null> {
    const user = await this.users.findById(id);
    return user ? toUserView(user) : null;
  }

  /** The user with this username (localpart, compared case-insensitively), or null. */
  async findByUsername(username: string): Promise<UserView | null> {
    const user = await this.users.findByUsername(username);
    return user ? toUserView(user) : null;
  }

  /** Resolves a login identifier to at most one user (MAS get_user_by_email_or_by_username). */
  private async lookUp(identifier: string): Promise<UserEntity | null> {
    if (
      this.account.login_with_email_allowed &&
      !identifier.startsWith('@') &&
      identifier.includes('@')
    ) {
      const owners = await this.users.findByEmail(identifier);
      if (owners.length === 1) return owners[0];
    }
    const localpart = localpartOf(identifier, this.matrix.homeserver);
    if (localpart === null || localpart.length === 0) return null;
    return this.users.findByUsername(localpart);
  }

  private registrableLocalpart(username: string): string {
    const localpart = localpartOf(username, this.matrix.homeserver);
    if (localpart === null) {
      throw new InvalidUsername(
        `"${username}" is not a user ID of this homeserver (${this.matrix.homeserver})`,
      );
    }
    const problem = usernameProblem(localpart, this.matrix.homeserver);
    if (problem) throw new InvalidUsername(`invalid username "${localpart}": ${problem}`);
    return localpart;
  }

  private async hashNew(password: string): Promise<{ hash: string; version: number }> {
    if (!this.hasher.enabled) throw new PasswordsDisabled();
    if (password.length === 0) throw new InvalidPassword('the password must not be empty');
    return this.hasher.hash(password);
  }
}
