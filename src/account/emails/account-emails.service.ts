import { Injectable } from '@nestjs/common';
import { AccountConfig } from '../../config';
import { Clock, isStorableUlid, Rng } from '../../core';
import { TransactionRunner } from '../../database/transaction';
import { EmailVerifications } from '../../email-verification';
import { JobQueue } from '../../jobs';
import { retryAfterSeconds } from '../../rate-limit';
import { UserEmailRepository } from '../../storage/users/user-email.repository';
import { page, redirect, type WebContext, type WebResult } from '../../web-session';
import type { BrowserSession } from '../../web-session';
import { emailCodePage, type EmailCodePageExtra } from '../email-code-page';

/** Where the email pages live (the `emails` tab of /account). */
export const EMAILS_PATH = '/account/emails';

const verifyPath = (authenticationId: string) => `${EMAILS_PATH}/${authenticationId}/verify`;

/** A form of these pages: its action and its one value. */
export interface EmailForm {
  action: string;
  value: string;
}

/**
 * `/account/emails` (MAS account SPA: the email list of the profile, `/emails/$id/verify`,
 * `/emails/$id/in-use`; graphql `startEmailAuthentication`, `completeEmailAuthentication`,
 * `removeEmail`): the signed-in user's addresses; adding one mails a 6-digit code and the
 * address is added once it is entered; removing one takes effect at once. Adding and
 * removing follow `account.email_change_allowed`; every change is pushed to the homeserver
 * (a `provision-user` job). As in MAS, the last address may be removed too.
 */
@Injectable()
export class AccountEmailsPages {
  constructor(
    private readonly account: AccountConfig,
    private readonly emails: UserEmailRepository,
    private readonly verifications: EmailVerifications,
    private readonly jobs: JobQueue,
    private readonly tx: TransactionRunner,
    private readonly clock: Clock,
    private readonly rng: Rng,
  ) {}

  async list(web: WebContext): Promise<WebResult> {
    const session = web.session;
    if (!session) return signIn();
    return this.listPage(session, '', null, 200);
  }

  async add(web: WebContext, form: EmailForm): Promise<WebResult> {
    const session = web.session;
    if (!session) return signIn();
    const email = form.value.trim();
    if (!this.account.email_change_allowed)
      return this.listPage(session, email, 'not_allowed', 403);
    if (await this.emails.findForUser(session.user.id, email)) {
      return this.listPage(session, email, 'already_added', 400);
    }
    const started = await this.verifications.start(
      email,
      { userSessionId: session.id },
      { ip: web.ip, userAgent: web.userAgent, locale: web.locale },
    );
    if (started.ok) return redirect(verifyPath(started.authenticationId));
    switch (started.reason) {
      case 'invalid_email':
        return this.listPage(session, email, 'invalid', 400);
      case 'policy':
        return this.listPage(session, email, started.violations[0] ?? 'email-not-allowed', 403);
      case 'rate_limited': {
        const seconds = retryAfterSeconds(started.retryAfterMs);
        return this.listPage(session, email, 'rate_limited', 429, seconds);
      }
    }
  }

  async verifyForm(web: WebContext, authenticationId: string): Promise<WebResult> {
    return this.withAuthentication(web, authenticationId, (_s, email) =>
      this.codePage(authenticationId, email, null, 200),
    );
  }

  async verify(web: WebContext, authenticationId: string, form: EmailForm): Promise<WebResult> {
    return this.withAuthentication(web, authenticationId, async (session, email) => {
      const requester = { ip: web.ip, userAgent: web.userAgent, locale: web.locale };
      if (form.action === 'resend') {
        const sent = await this.verifications.resend(authenticationId, requester);
        if (sent.ok) return this.codePage(authenticationId, email, null, 200, { resent: true });
        if (sent.reason === 'rate_limited') {
          const seconds = retryAfterSeconds(sent.retryAfterMs);
          return this.codePage(authenticationId, email, 'resend_rate_limited', 429, {
            retryAfter: seconds,
          });
        }
        return this.invalid();
      }
      if (!this.account.email_change_allowed) return this.listPage(session, '', 'not_allowed', 403);
      const checked = await this.verifications.verify(authenticationId, form.value);
      if (!checked.ok) {
        switch (checked.reason) {
          case 'wrong_code':
          case 'expired':
            return this.codePage(authenticationId, email, checked.reason, 400);
          case 'too_many_attempts': {
            const seconds = retryAfterSeconds(checked.retryAfterMs);
            return this.codePage(authenticationId, email, 'too_many_attempts', 429, {
              retryAfter: seconds,
            });
          }
          default:
            return this.invalid();
        }
      }
      // MAS `/emails/$id/in-use`: an address of another account is not added to this one. Told
      // only after the code proved the person reads the address, so it enumerates nothing.
      const owners = await this.emails.listByAddress(email);
      if (owners.some((e) => e.userId !== session.user.id)) {
        return page('account-email-in-use.njk', { email }, 409);
      }
      const known = (await this.emails.findForUser(session.user.id, email)) !== null;
      await this.tx.run(async (tx) => {
        if (!known) {
          await this.emails.add(
            { id: this.rng.ulid(), userId: session.user.id, email, createdAt: this.clock.now() },
            tx,
          );
        }
        await this.jobs.enqueue('provision-user', { userId: session.user.id }, { tx });
      });
      return redirect(EMAILS_PATH);
    });
  }

  async remove(web: WebContext, emailId: string): Promise<WebResult> {
    const session = web.session;
    if (!session) return signIn();
    if (!this.account.email_change_allowed) return this.listPage(session, '', 'not_allowed', 403);
    if (!isStorableUlid(emailId)) return this.listPage(session, '', 'unknown_email', 404);
    const removed = await this.tx.run(async (tx) => {
      if (!(await this.emails.removeForUser(session.user.id, emailId, tx))) return false;
      await this.jobs.enqueue('provision-user', { userId: session.user.id }, { tx });
      return true;
    });
    if (!removed) return this.listPage(session, '', 'unknown_email', 404);
    return redirect(EMAILS_PATH);
  }

  /** Runs `work` for an authentication this browser session started and may still complete. */
  private async withAuthentication(
    web: WebContext,
    authenticationId: string,
    work: (session: BrowserSession, email: string) => WebResult | Promise<WebResult>,
  ): Promise<WebResult> {
    const session = web.session;
    if (!session) return signIn();
    if (!isStorableUlid(authenticationId)) return this.invalid();
    const found = await this.verifications.find(authenticationId);
    if (!found.ok || found.value.userSessionId !== session.id) return this.invalid();
    return work(session, found.value.email);
  }

  private invalid(): WebResult {
    return page('account-email-invalid.njk', {}, 404);
  }

  private async listPage(
    session: BrowserSession,
    email: string,
    error: string | null,
    status: number,
    retryAfter?: number,
  ): Promise<WebResult> {
    const emails = await this.emails.listForUser(session.user.id);
    return page(
      'account-emails.njk',
      {
        emails: emails.map((e) => ({ id: e.id, email: e.email })),
        can_change: this.account.email_change_allowed,
        form: { email, error, retry_after: retryAfter ?? null },
      },
      status,
      retryAfter === undefined ? {} : { 'Retry-After': String(retryAfter) },
    );
  }

  private codePage(
    authenticationId: string,
    email: string,
    error: string | null,
    status: number,
    extra: EmailCodePageExtra = {},
  ): WebResult {
    return emailCodePage(
      'account-email-verify.njk',
      verifyPath(authenticationId),
      email,
      error,
      status,
      extra,
    );
  }
}

function signIn(): WebResult {
  return redirect(`/login?next=${encodeURIComponent(EMAILS_PATH)}`);
}
