import { Injectable, Logger } from '@nestjs/common';
import { Clock, Encrypter } from '../../core';
import type { Pagination } from '../../storage/pagination';
import type { UserRegistrationTokenEntity } from '../../storage/users/user-registration-token.entity';
import { UserRegistrationTokenAdminRepository } from '../../storage/users/user-registration-token-admin.repository';
import type { UserView } from '../../users/user-accounts.service';
import {
  InvalidRegistrationToken,
  isRegistrationTokenValid,
  MAX_REGISTRATION_TOKEN_LENGTH,
  RegistrationTokens,
  RegistrationTokenTaken,
} from '../../users/registration-tokens.service';
import { page, redirect, type WebResult } from '../../web-session';
import { type IssueTokenForm, parseUtcDateTime } from './admin-forms';
import { AdminPageNotFound } from './admin-pages.errors';
import { shownInstant } from './admin-views';

export const REGISTRATION_TOKENS_PATH = '/account/admin/registration-tokens';

/** How many tokens a page of the list shows. */
export const TOKENS_PAGE_SIZE = 50;

/** The confirmations a `?done=` on the token page may show. */
export const TOKEN_NOTICES = ['issued', 'revoked', 'unrevoked', 'unchanged'] as const;

/** `GET /account/admin/registration-tokens?older_than=|newer_than=&done=&issued=`. */
export interface TokenListQuery {
  olderThan: string | null;
  newerThan: string | null;
  done: unknown;
  issued: string | null;
}

const NO_QUERY: TokenListQuery = { olderThan: null, newerThan: null, done: null, issued: null };

/** What is wrong with a field of the issue form. */
export type IssueFormErrors = Partial<
  Record<'token' | 'usage_limit' | 'expires_at', 'invalid' | 'taken' | 'past'>
>;

/**
 * `/account/admin/registration-tokens`: the tokens (with their clear value, decrypted from the
 * stored copy as the admin API shows it), issuing one with a chosen or drawn value, a usage
 * limit and an expiry, and revoking or unrevoking one.
 */
@Injectable()
export class AdminRegistrationTokens {
  private readonly logger = new Logger('AdminPages');

  constructor(
    private readonly clock: Clock,
    private readonly encrypter: Encrypter,
    private readonly tokens: RegistrationTokens,
    private readonly repo: UserRegistrationTokenAdminRepository,
  ) {}

  /**
   * The list, newest first: `olderThan`/`newerThan` are the cursors of the "older" and "newer"
   * links (the oldest and newest id shown).
   */
  async list(
    query: TokenListQuery,
    form: { values: IssueTokenForm; errors: IssueFormErrors } | null = null,
    status = 200,
  ): Promise<WebResult> {
    const now = this.clock.now();
    const pagination: Pagination =
      query.newerThan !== null
        ? { after: query.newerThan, before: null, direction: 'forward', count: TOKENS_PAGE_SIZE }
        : { after: null, before: query.olderThan, direction: 'backward', count: TOKENS_PAGE_SIZE };
    const [found, total] = await Promise.all([
      this.repo.list({ now }, pagination),
      this.repo.count({ now }),
    ]);
    const rows = found.edges.reverse().map((t) => this.row(t, now));
    const notice = (TOKEN_NOTICES as readonly unknown[]).includes(query.done) ? query.done : null;
    const issued = query.issued === null ? null : await this.repo.findById(query.issued);
    const olderExists = query.newerThan !== null || found.hasPreviousPage;
    const newerExists = query.newerThan !== null ? found.hasNextPage : query.olderThan !== null;
    return page(
      'admin-registration-tokens.njk',
      {
        tokens: rows,
        total,
        notice,
        issued: issued && notice === 'issued' ? this.row(issued, now) : null,
        older:
          olderExists && rows.length > 0
            ? `${REGISTRATION_TOKENS_PATH}?older_than=${rows[rows.length - 1].id}`
            : null,
        newer:
          newerExists && rows.length > 0
            ? `${REGISTRATION_TOKENS_PATH}?newer_than=${rows[0].id}`
            : null,
        form: {
          token: form?.values.token ?? '',
          usage_limit: form?.values.usageLimit ?? '',
          expires_at: form?.values.expiresAt ?? '',
          errors: form?.errors ?? {},
        },
        max_length: MAX_REGISTRATION_TOKEN_LENGTH,
      },
      status,
    );
  }

  /** `POST`: bad fields show the list again with the form's errors (400, or 409 when taken). */
  async issue(admin: UserView, values: IssueTokenForm): Promise<WebResult> {
    const errors: IssueFormErrors = {};
    let usageLimit: number | null = null;
    if (values.usageLimit !== '') {
      const n = /^\d{1,9}$/.test(values.usageLimit) ? Number(values.usageLimit) : NaN;
      if (!Number.isInteger(n) || n < 1) errors.usage_limit = 'invalid';
      else usageLimit = n;
    }
    let expiresAt: Date | null = null;
    if (values.expiresAt !== '') {
      expiresAt = parseUtcDateTime(values.expiresAt);
      if (expiresAt === null) errors.expires_at = 'invalid';
      else if (expiresAt.getTime() <= this.clock.now().getTime()) errors.expires_at = 'past';
    }
    const again = (status: number) => this.list(NO_QUERY, { values, errors }, status);
    if (Object.keys(errors).length > 0) return again(400);
    try {
      const issued = await this.tokens.issue({
        token: values.token === '' ? undefined : values.token,
        usageLimit,
        expiresAt,
      });
      this.logger.log(`admin ${admin.username} issued registration token ${issued.id}`);
      return redirect(`${REGISTRATION_TOKENS_PATH}?done=issued&issued=${issued.id}`);
    } catch (error) {
      if (error instanceof InvalidRegistrationToken) {
        errors.token = 'invalid';
        return again(400);
      }
      if (error instanceof RegistrationTokenTaken) {
        errors.token = 'taken';
        return again(409);
      }
      throw error;
    }
  }

  /** `POST …/{id}/revoke` and `…/unrevoke`; a token already in that state is left alone. */
  async setRevoked(admin: UserView, id: string | null, revoked: boolean): Promise<WebResult> {
    const token = id === null ? null : await this.repo.findById(id);
    if (!token) throw new AdminPageNotFound('registration token');
    const changed = revoked
      ? await this.repo.revoke(token.id, this.clock.now())
      : await this.repo.unrevoke(token.id);
    if (changed) {
      this.logger.log(
        `admin ${admin.username} ${revoked ? 'revoked' : 'unrevoked'} registration token ${token.id}`,
      );
    }
    const notice = changed ? (revoked ? 'revoked' : 'unrevoked') : 'unchanged';
    return redirect(`${REGISTRATION_TOKENS_PATH}?done=${notice}`);
  }

  private row(t: UserRegistrationTokenEntity, now: Date) {
    return {
      id: t.id,
      token: this.encrypter.decryptString(t.encryptedToken),
      valid: isRegistrationTokenValid(t, now),
      usage_limit: t.usageLimit,
      unlimited: t.usageLimit === null,
      times_used: t.timesUsed,
      created_at: shownInstant(t.createdAt),
      last_used_at: shownInstant(t.lastUsedAt),
      expires_at: shownInstant(t.expiresAt),
      revoked_at: shownInstant(t.revokedAt),
    };
  }
}
