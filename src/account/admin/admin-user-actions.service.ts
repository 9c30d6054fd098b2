import { Injectable, Logger } from '@nestjs/common';
import { PasswordComplexity, PasswordTooWeak } from '../../passwords/password-complexity';
import { PasswordsDisabled } from '../../passwords/password-errors';
import { UserAccounts, type UserView } from '../../users/user-accounts.service';
import { UserAdministration } from '../../users/user-administration.service';
import { InvalidPassword } from '../../users/user-errors';
import { UserLocking } from '../../users/user-locking.service';
import { page, redirect, type WebResult } from '../../web-session';
import type { SetPasswordForm } from './admin-forms';
import { AdminPageNotFound } from './admin-pages.errors';
import { AdminUserPage } from './admin-user-page.service';
import { AdminUserSessions, isSessionKind } from './admin-user-sessions.service';
import { userPagePath, userRow } from './admin-views';
import { MatrixConfig } from '../../config';

/** The actions that ask for a confirmation first. */
export type ConfirmedAction = 'deactivate' | 'reactivate' | 'demote_self';

function done(userId: string, notice: string): WebResult {
  return redirect(`${userPagePath(userId)}?done=${notice}`);
}

/**
 * The actions of the user page (the admin API's lock, unlock, deactivate, reactivate,
 * set-admin, set-password and session finish), each answered by a redirect to the user page
 * with its confirmation (post/redirect/get). An admin cannot lock or deactivate their own
 * account here (they would lose the page that undoes it), and demoting themselves asks for a
 * confirmation.
 */
@Injectable()
export class AdminUserActions {
  private readonly logger = new Logger('AdminPages');

  constructor(
    private readonly userPage: AdminUserPage,
    private readonly accounts: UserAccounts,
    private readonly administration: UserAdministration,
    private readonly locking: UserLocking,
    private readonly sessions: AdminUserSessions,
    private readonly complexity: PasswordComplexity,
    private readonly matrix: MatrixConfig,
  ) {}

  async lock(admin: UserView, userId: string | null): Promise<WebResult> {
    const user = await this.userPage.find(userId);
    if (user.id === admin.id) {
      return this.userPage.render(admin, user, { problem: 'self_lock', status: 409 });
    }
    await this.locking.lock(user.id);
    this.audit(admin, 'locked', user);
    return done(user.id, 'locked');
  }

  async unlock(admin: UserView, userId: string | null): Promise<WebResult> {
    const user = await this.userPage.find(userId);
    await this.locking.unlock(user.id);
    this.audit(admin, 'unlocked', user);
    return done(user.id, 'unlocked');
  }

  /** `GET …/deactivate` and `…/reactivate`: the confirmation form. */
  async confirm(
    admin: UserView,
    userId: string | null,
    action: 'deactivate' | 'reactivate',
  ): Promise<WebResult> {
    const user = await this.userPage.find(userId);
    if (action === 'deactivate' && user.id === admin.id) {
      return this.userPage.render(admin, user, { problem: 'self_deactivate', status: 409 });
    }
    return this.confirmPage(user, action);
  }

  /** `POST …/deactivate` (`erase`: also erase on the homeserver, the default). */
  async deactivate(admin: UserView, userId: string | null, erase: boolean): Promise<WebResult> {
    const user = await this.userPage.find(userId);
    if (user.id === admin.id) {
      return this.userPage.render(admin, user, { problem: 'self_deactivate', status: 409 });
    }
    await this.locking.deactivate(user.id, { erase });
    this.audit(admin, `queued the deactivation${erase ? ' with erasure' : ''} of`, user);
    return done(user.id, 'deactivation_queued');
  }

  async reactivate(admin: UserView, userId: string | null): Promise<WebResult> {
    const user = await this.userPage.find(userId);
    await this.locking.reactivate(user.id);
    this.audit(admin, 'queued the reactivation of', user);
    return done(user.id, 'reactivation_queued');
  }

  /**
   * `POST …/set-admin` (`admin` = `1` promotes, anything else demotes). Demoting oneself needs
   * `confirm=1` (a confirmation page first), then leaves the admin pages for `/account`.
   */
  async setAdmin(
    admin: UserView,
    userId: string | null,
    promote: boolean,
    confirmed: boolean,
  ): Promise<WebResult> {
    const user = await this.userPage.find(userId);
    const self = user.id === admin.id;
    if (self && !promote && !confirmed) return this.confirmPage(user, 'demote_self');
    await this.administration.setCanRequestAdmin(user.id, promote);
    this.audit(admin, promote ? 'promoted' : 'demoted', user);
    if (self && !promote) return redirect('/account');
    return done(user.id, promote ? 'promoted' : 'demoted');
  }

  /**
   * `POST …/set-password`: a new password, checked by zxcvbn against
   * `passwords.minimum_complexity` unless the admin ticks "skip the check" (the admin API's
   * `skip_password_check`); an empty one is always refused.
   */
  async setPassword(
    admin: UserView,
    userId: string | null,
    form: SetPasswordForm,
  ): Promise<WebResult> {
    const user = await this.userPage.find(userId);
    const again = (error: 'empty' | 'mismatch' | 'too_weak' | 'disabled', status = 400) =>
      this.userPage.render(admin, user, {
        password: { error, skipCheck: form.skipCheck },
        status,
      });
    if (form.password === '') return again('empty');
    if (form.password !== form.passwordConfirm) return again('mismatch');
    try {
      await this.accounts.setPassword(
        user.username,
        form.password,
        form.skipCheck ? undefined : this.complexity,
      );
    } catch (error) {
      if (error instanceof PasswordTooWeak) return again('too_weak');
      if (error instanceof PasswordsDisabled) return again('disabled', 403);
      if (error instanceof InvalidPassword) return again('empty');
      throw error;
    }
    this.audit(admin, `set a new password${form.skipCheck ? ' (check skipped)' : ''} for`, user);
    return done(user.id, 'password_set');
  }

  /** `POST …/sessions/{kind}/{id}/end`. */
  async endSession(
    admin: UserView,
    userId: string | null,
    kind: string,
    sessionId: string | null,
  ): Promise<WebResult> {
    const user = await this.userPage.find(userId);
    if (!isSessionKind(kind) || sessionId === null) throw new AdminPageNotFound('session');
    const ended = await this.sessions.end(user.id, kind, sessionId);
    if (ended) this.audit(admin, `ended the ${kind} session ${sessionId} of`, user);
    return done(user.id, ended ? 'session_ended' : 'session_already_ended');
  }

  private confirmPage(user: UserView, action: ConfirmedAction): WebResult {
    return page('admin-confirm.njk', { user: userRow(user, this.matrix.homeserver), action });
  }

  private audit(admin: UserView, what: string, user: UserView): void {
    this.logger.log(`admin ${admin.username} ${what} user ${user.username} (${user.id})`);
  }
}
