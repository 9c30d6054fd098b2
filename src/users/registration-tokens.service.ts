import { Injectable } from '@nestjs/common';
import { Clock, DomainError, Encrypter, hashToken, Rng } from '../core';
import type { UserRegistrationTokenEntity } from '../storage/users/user-registration-token.entity';
import { UserRegistrationTokenRepository } from '../storage/users/user-registration-token.repository';

/** The length of a drawn token: 12 alphanumerics, as MAS `issue-user-registration-token`. */
export const DRAWN_REGISTRATION_TOKEN_LENGTH = 12;

/** The longest token an admin may choose. */
export const MAX_REGISTRATION_TOKEN_LENGTH = 255;

/** A chosen token is empty, too long, or holds whitespace or control characters. */
export class InvalidRegistrationToken extends DomainError {
  readonly code = 'invalid_registration_token';
}

/** A token with this value already exists. */
export class RegistrationTokenTaken extends DomainError {
  readonly code = 'registration_token_taken';

  constructor() {
    super('a registration token with this value already exists');
  }
}

export interface IssueRegistrationToken {
  /** The value to use; one is drawn when absent. */
  token?: string;
  /** How many registrations it allows; null for unlimited. */
  usageLimit: number | null;
  /** When it stops working; null for never. */
  expiresAt: Date | null;
}

export interface IssuedRegistrationToken {
  id: string;
  /** The clear value, shown once: only its SHA-256 and an encrypted copy are stored. */
  token: string;
  usageLimit: number | null;
  expiresAt: Date | null;
}

/**
 * Registration tokens (`account.password_registration_token_required`, MAS
 * `user_registration_tokens`): issued by admins, stored as SHA-256 for lookup and encrypted
 * with `secrets.encryption` so admins can list them again.
 */
@Injectable()
export class RegistrationTokens {
  constructor(
    private readonly clock: Clock,
    private readonly rng: Rng,
    private readonly encrypter: Encrypter,
    private readonly tokens: UserRegistrationTokenRepository,
  ) {}

  /** Throws InvalidRegistrationToken or RegistrationTokenTaken. */
  async issue(input: IssueRegistrationToken): Promise<IssuedRegistrationToken> {
    const token = input.token ?? this.rng.alphanumeric(DRAWN_REGISTRATION_TOKEN_LENGTH);
    const problem = registrationTokenProblem(token);
    if (problem) throw new InvalidRegistrationToken(problem);
    const added = await this.tokens.add({
      id: this.rng.ulid(),
      tokenSha256: hashToken(token),
      encryptedToken: this.encrypter.encrypt(token),
      usageLimit: input.usageLimit,
      createdAt: this.clock.now(),
      expiresAt: input.expiresAt,
    });
    if (!added) throw new RegistrationTokenTaken();
    return { id: added.id, token, usageLimit: input.usageLimit, expiresAt: input.expiresAt };
  }
}

/** Why `token` cannot be a registration token, or null when it can. */
export function registrationTokenProblem(token: string): string | null {
  if (token.length === 0) return 'the token must not be empty';
  if (token.length > MAX_REGISTRATION_TOKEN_LENGTH) {
    return `the token must be at most ${MAX_REGISTRATION_TOKEN_LENGTH} characters`;
  }
  // eslint-disable-next-line no-control-regex
  if (/[\s\u0000-\u001f\u007f]/u.test(token)) {
    return 'the token must not contain spaces or control characters';
  }
  return null;
}

/** MAS data-model `UserRegistrationToken::is_valid`: not revoked, not expired, not used up. */
export function isRegistrationTokenValid(t: UserRegistrationTokenEntity, now: Date): boolean {
  if (t.revokedAt !== null) return false;
  if (t.expiresAt !== null && t.expiresAt.getTime() <= now.getTime()) return false;
  return t.usageLimit === null || t.timesUsed < t.usageLimit;
}
