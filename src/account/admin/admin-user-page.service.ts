import { Injectable } from '@nestjs/common';
import { MatrixConfig } from '../../config';
import { PasswordHasher } from '../../passwords/password-hasher';
import { UserEmailRepository } from '../../storage/users/user-email.repository';
import { UserAccounts, type UserView } from '../../users/user-accounts.service';
import { page, type WebResult } from '../../web-session';
import { AdminPageNotFound } from './admin-pages.errors';
import { AdminUserSessions } from './admin-user-sessions.service';
import { shownInstant, userRow } from './admin-views';

/** The confirmations a `?done=` on the user page may show (anything else shows none). */
export const USER_NOTICES = [
  'locked',
  'unlocked',
  'deactivation_queued',
  'reactivation_queued',
  'password_set',
  'promoted',
  'demoted',
  'session_ended',
  'session_already_ended',
] as const;

/** Why an action on the user page was refused, shown above the page. */
export type UserProblem = 'self_lock' | 'self_deactivate';

/** The state of the set-password form when the page is shown again after a refusal. */
export interface PasswordFormState {
  error: 'empty' | 'mismatch' | 'too_weak' | 'disabled' | null;
  skipCheck: boolean;
}

export interface UserPageExtras {
  notice?: unknown;
  problem?: UserProblem;
  password?: PasswordFormState;
  status?: number;
}

/**
 * `GET /account/admin/users/{id}`: the user's state, email addresses and active sessions, with
 * the forms of every action; the same page, with a 4xx status, when an action was refused.
 */
@Injectable()
export class AdminUserPage {
  constructor(
    private readonly users: UserAccounts,
    private readonly emails: UserEmailRepository,
    private readonly sessions: AdminUserSessions,
    private readonly hasher: PasswordHasher,
    private readonly matrix: MatrixConfig,
  ) {}

  /** The user with this id; throws AdminPageNotFound. */
  async find(userId: string | null): Promise<UserView> {
    const user = userId === null ? null : await this.users.findById(userId);
    if (!user) throw new AdminPageNotFound('user');
    return user;
  }

  async show(admin: UserView, userId: string | null, extras: UserPageExtras = {}) {
    const user = await this.find(userId);
    return this.render(admin, user, extras);
  }

  async render(admin: UserView, user: UserView, extras: UserPageExtras = {}): Promise<WebResult> {
    const [emails, sessions] = await Promise.all([
      this.emails.listForUser(user.id),
      this.sessions.listActive(user.id),
    ]);
    const notice = (USER_NOTICES as readonly unknown[]).includes(extras.notice)
      ? extras.notice
      : null;
    return page(
      'admin-user.njk',
      {
        user: { ...userRow(user, this.matrix.homeserver), is_self: user.id === admin.id },
        emails: emails.map((e) => ({ email: e.email, created_at: shownInstant(e.createdAt) })),
        sessions,
        notice,
        problem: extras.problem ?? null,
        password: {
          enabled: this.hasher.enabled,
          error: extras.password?.error ?? null,
          skip_check: extras.password?.skipCheck ?? false,
        },
      },
      extras.status ?? 200,
    );
  }
}
