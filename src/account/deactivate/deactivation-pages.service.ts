import { Injectable, Logger } from '@nestjs/common';
import { HomeserverError } from '../../homeserver';
import { JobQueue } from '../../jobs/job-queue';
import { retryAfterSeconds } from '../../rate-limit';
import { AccountClosure } from '../../users/account-closure.service';
import { PasswordReauthentication } from '../../users/password-reauthentication.service';
import { page, redirect, type WebContext, type WebResult } from '../../web-session';
import { signInFirst } from '../account-actions';
import { AccountFeatures } from '../account-features';
import type { DeactivationForm } from '../account-forms';

export const DEACTIVATE_PATH = '/account/deactivate';

/**
 * `/account/deactivate` (MAS `AccountDeleteButton`, GraphQL `deactivateUser` with `hsErase`):
 * the password again (or, for an account without one, its username typed out), an optional
 * erasure, then the account is closed here and on the homeserver (`delete_user`) and this
 * browser is signed out. Refused while `account.account_deactivation_allowed` is off.
 */
@Injectable()
export class DeactivationPages {
  private readonly logger = new Logger(DeactivationPages.name);

  constructor(
    private readonly features: AccountFeatures,
    private readonly passwords: PasswordReauthentication,
    private readonly closure: AccountClosure,
    private readonly jobs: JobQueue,
  ) {}

  async form(web: WebContext): Promise<WebResult> {
    const user = web.user;
    if (!user) return redirect(signInFirst(DEACTIVATE_PATH));
    if (!this.features.deactivation) return this.features.disabled('deactivation');
    return this.page(user.username, await this.needsPassword(user.id), null, false, 200);
  }

  async submit(web: WebContext, form: DeactivationForm): Promise<WebResult> {
    const user = web.user;
    if (!user) return redirect(signInFirst(DEACTIVATE_PATH));
    if (!this.features.deactivation) return this.features.disabled('deactivation');
    const needsPassword = await this.needsPassword(user.id);
    const again = (error: string, status: number, retryAfter?: number) =>
      this.page(user.username, needsPassword, error, form.erase, status, retryAfter);
    if (needsPassword) {
      const recheck = await this.passwords.recheck(user.id, form.password, web.ip);
      if (!recheck.ok) {
        if (recheck.reason === 'rate_limited') {
          return again('rate_limited', 429, retryAfterSeconds(recheck.retryAfterMs));
        }
        return again('wrong_password', 400);
      }
    } else if (form.confirmation.toLowerCase() !== user.username.toLowerCase()) {
      return again('wrong_confirmation', 400);
    }
    try {
      await this.closure.deactivate(user.id, form.erase);
    } catch (error) {
      if (!(error instanceof HomeserverError)) throw error;
      // Closed here already; the job repeats only the homeserver part until it lands.
      this.logger.warn(`deactivation queued for a retry on the homeserver: ${error.message}`);
      await this.jobs.enqueue('deactivate-user', { userId: user.id, hsErase: form.erase });
    }
    web.signOut();
    return page('account-deactivate-done.njk', { erased: form.erase });
  }

  /**
   * A password is asked for when the account has one and passwords are on; otherwise (an
   * account of an upstream provider) typing the username confirms (MAS
   * `verify_password_if_needed`).
   */
  private async needsPassword(userId: string): Promise<boolean> {
    return this.features.passwordsEnabled && (await this.passwords.hasPassword(userId));
  }

  private page(
    username: string,
    needsPassword: boolean,
    error: string | null,
    erase: boolean,
    status: number,
    retryAfter?: number,
  ): WebResult {
    return page(
      'account-deactivate.njk',
      {
        form: {
          username,
          needs_password: needsPassword,
          error,
          erase,
          retry_after: retryAfter ?? null,
        },
      },
      status,
      retryAfter === undefined ? {} : { 'Retry-After': String(retryAfter) },
    );
  }
}
