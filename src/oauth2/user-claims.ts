import { Injectable } from '@nestjs/common';
import { UserEmailRepository } from '../storage/users/user-email.repository';

/** OIDC Core §5.1 `email` and `email_verified`. */
export interface EmailClaims {
  email?: string;
  email_verified?: true;
}

/**
 * OIDC Core §5.4 email claims for `email` (null: none). Only verified addresses are ever stored
 * (MAS `user_emails`), so `email_verified` is always true.
 */
export function emailClaims(email: string | null): EmailClaims {
  return email === null ? {} : { email, email_verified: true };
}

/** Looks up the user data that scopes release as claims (ID tokens and userinfo). */
@Injectable()
export class UserClaims {
  constructor(private readonly emails: UserEmailRepository) {}

  /**
   * OIDC Core §5.4: with the `email` scope, the user's first added address; null without that
   * scope or when the user has no address.
   */
  async emailFor(userId: string, scope: readonly string[]): Promise<string | null> {
    if (!scope.includes('email')) return null;
    return (await this.emails.findFirstForUser(userId))?.email ?? null;
  }
}
