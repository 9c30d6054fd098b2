import { Injectable } from '@nestjs/common';
import { Clock, hashToken, Rng } from '../core';
import { TransactionRunner } from '../database/transaction';
import {
  EmailVerifications,
  type CodeCheck,
  type EmailRequester,
  type Resend,
} from '../email-verification';
import { JobQueue } from '../jobs';
import { UserEmailAuthenticationRepository } from '../storage/users/user-email-authentication.repository';
import { UserEmailRepository } from '../storage/users/user-email.repository';
import { UserPasswordRepository } from '../storage/users/user-password.repository';
import type { UserRegistrationEntity } from '../storage/users/user-registration.entity';
import { UserRegistrationRepository } from '../storage/users/user-registration.repository';
import { UserRegistrationTokenRepository } from '../storage/users/user-registration-token.repository';
import { UserRepository } from '../storage/users/user.repository';
import { toUserView, type UserView } from '../users/user-view';
import type { PostAuthAction } from './registration-start.service';
import { RegistrationSettings } from './registration-settings';
import {
  nextRegistrationStep,
  SKIPPED_DISPLAY_NAME,
  type RegistrationStep,
} from './registration-steps';
import { registrationTokenState, type RegistrationTokenState } from './registration-token.check';
import { UsernameAvailability, type UsernameRefusal } from './username-availability.service';

/** The longest display name accepted (Synapse's `MAX_DISPLAYNAME_LEN`). */
export const MAX_DISPLAY_NAME_LENGTH = 256;

/** A registration in progress, as its pages show it. */
export interface RegistrationState {
  id: string;
  username: string;
  /** The address being verified, or null when none was given. */
  email: string | null;
  emailAuthenticationId: string | null;
  step: RegistrationStep;
  next: string | null;
}

export type TokenSubmission =
  | { ok: true }
  | { ok: false; reason: 'required' | 'invalid' | Exclude<RegistrationTokenState, 'valid'> };

export type DisplayNameSubmission = { ok: true } | { ok: false; reason: 'too_long' };

export type Finish =
  | { ok: true; user: UserView; passwordId: string; next: string | null }
  /** Something is missing, or the registration cannot go on: show that step's page. */
  | { ok: false; step: Exclude<RegistrationStep, 'finish'> }
  /** The username was taken (here or on the homeserver) since the form was sent. */
  | { ok: false; reason: UsernameRefusal }
  /** The verified address belongs to another account (MAS "email in use" page). */
  | { ok: false; reason: 'email_in_use' }
  /** The token stopped being usable since it was entered; it must be entered again. */
  | { ok: false; reason: 'token'; token: Exclude<RegistrationTokenState, 'valid'> };

class Abandon extends Error {
  constructor(readonly outcome: Finish) {
    super('registration abandoned');
  }
}

function nextOf(action: unknown): string | null {
  const next = (action as Partial<PostAuthAction> | null)?.next;
  return typeof next === 'string' ? next : null;
}

/**
 * The steps of a password registration after the form (MAS views/register/steps/*): the email
 * code, the registration token, the display name, and finishing, which creates the account,
 * its password, address and accepted terms, counts the token, and queues the homeserver
 * provisioning, in one transaction.
 */
@Injectable()
export class RegistrationFlow {
  constructor(
    private readonly settings: RegistrationSettings,
    private readonly registrations: UserRegistrationRepository,
    private readonly authentications: UserEmailAuthenticationRepository,
    private readonly verifications: EmailVerifications,
    private readonly tokens: UserRegistrationTokenRepository,
    private readonly usernames: UsernameAvailability,
    private readonly users: UserRepository,
    private readonly passwords: UserPasswordRepository,
    private readonly emails: UserEmailRepository,
    private readonly jobs: JobQueue,
    private readonly tx: TransactionRunner,
    private readonly clock: Clock,
    private readonly rng: Rng,
  ) {}

  /** The registration and its next step, or null when there is none with this id. */
  async state(id: string): Promise<RegistrationState | null> {
    const registration = await this.registrations.findById(id);
    return registration ? this.stateOf(registration) : null;
  }

  async verifyEmail(state: RegistrationState, code: string): Promise<CodeCheck> {
    if (state.emailAuthenticationId === null) return { ok: false, reason: 'unknown' };
    return this.verifications.verify(state.emailAuthenticationId, code);
  }

  async resendCode(state: RegistrationState, requester: EmailRequester): Promise<Resend> {
    if (state.emailAuthenticationId === null) return { ok: false, reason: 'unknown' };
    return this.verifications.resend(state.emailAuthenticationId, requester);
  }

  /** Remembers a usable token; it is counted only when the registration completes. */
  async submitToken(state: RegistrationState, token: string): Promise<TokenSubmission> {
    if (token === '') return { ok: false, reason: 'required' };
    const found = token.length <= 255 ? await this.tokens.findBySha256(hashToken(token)) : null;
    if (!found) return { ok: false, reason: 'invalid' };
    const usable = registrationTokenState(found, this.clock.now());
    if (usable !== 'valid') return { ok: false, reason: usable };
    await this.registrations.update(state.id, { userRegistrationTokenId: found.id });
    return { ok: true };
  }

  /** Sets the display name; null skips the step (the homeserver keeps its default). */
  async setDisplayName(
    state: RegistrationState,
    name: string | null,
  ): Promise<DisplayNameSubmission> {
    const value = name === null ? SKIPPED_DISPLAY_NAME : name.trim();
    if ([...value].length > MAX_DISPLAY_NAME_LENGTH) return { ok: false, reason: 'too_long' };
    await this.registrations.update(state.id, { displayName: value });
    return { ok: true };
  }

  /**
   * Creates the account once every step is done (MAS register/steps/finish.rs). The username
   * is checked again, here and on the homeserver, and the token is counted by a conditional
   * UPDATE, so a token with one use left admits one of two racing registrations.
   */
  async finish(state: RegistrationState): Promise<Finish> {
    if (state.step !== 'finish') return { ok: false, step: state.step };
    const registration = await this.registrations.findById(state.id);
    if (!registration) return { ok: false, step: 'expired' };
    const available = await this.usernames.available(registration.username);
    if (!available.ok) return { ok: false, reason: available.reason };
    if (state.email !== null && (await this.emails.listByAddress(state.email)).length > 0) {
      return { ok: false, reason: 'email_in_use' };
    }
    try {
      return await this.tx.run(async (tx) => {
        const now = this.clock.now();
        if (!(await this.registrations.complete(registration.id, now, tx))) {
          throw new Abandon({ ok: false, step: 'completed' });
        }
        if (registration.userRegistrationTokenId !== null) {
          const consumed = await this.tokens.consume(registration.userRegistrationTokenId, now, tx);
          if (!consumed) throw new Abandon({ ok: false, reason: 'token', token: 'used_up' });
        }
        const user = await this.users.add(
          { id: this.rng.ulid(), username: registration.username, createdAt: now },
          tx,
        );
        if (!user) throw new Abandon({ ok: false, reason: 'taken' });
        const password = await this.passwords.addIn(
          {
            id: this.rng.ulid(),
            userId: user.id,
            hashedPassword: registration.hashedPassword ?? '',
            version: registration.hashedPasswordVersion ?? 1,
            createdAt: now,
          },
          tx,
        );
        if (state.email !== null) {
          await this.emails.add(
            { id: this.rng.ulid(), userId: user.id, email: state.email, createdAt: now },
            tx,
          );
        }
        if (registration.termsUrl !== null) {
          await this.registrations.addTerms(
            {
              id: this.rng.ulid(),
              userId: user.id,
              termsUrl: registration.termsUrl,
              createdAt: now,
            },
            tx,
          );
        }
        const displayName = registration.displayName;
        await this.jobs.enqueue(
          'provision-user',
          {
            userId: user.id,
            ...(displayName !== null && displayName !== SKIPPED_DISPLAY_NAME
              ? { displayName }
              : {}),
          },
          { tx },
        );
        return {
          ok: true as const,
          user: toUserView(user),
          passwordId: password.id,
          next: nextOf(registration.postAuthAction),
        };
      });
    } catch (error) {
      if (!(error instanceof Abandon)) throw error;
      if (
        error.outcome.ok === false &&
        'reason' in error.outcome &&
        error.outcome.reason === 'token'
      ) {
        await this.registrations.update(registration.id, { userRegistrationTokenId: null });
      }
      return error.outcome;
    }
  }

  private async stateOf(registration: UserRegistrationEntity): Promise<RegistrationState> {
    const authentication = registration.emailAuthenticationId
      ? await this.authentications.findById(registration.emailAuthenticationId)
      : null;
    const step = nextRegistrationStep(
      {
        createdAt: registration.createdAt,
        completedAt: registration.completedAt,
        emailVerified: authentication ? authentication.completedAt !== null : null,
        hasToken: registration.userRegistrationTokenId !== null,
        tokenRequired: this.settings.tokenRequired,
        displayName: registration.displayName,
      },
      this.clock.now(),
    );
    return {
      id: registration.id,
      username: registration.username,
      email: authentication?.email ?? null,
      emailAuthenticationId: authentication?.id ?? null,
      step,
      next: nextOf(registration.postAuthAction),
    };
  }
}
