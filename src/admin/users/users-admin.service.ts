import { Injectable, Logger } from '@nestjs/common';
import { Clock, Rng } from '../../core';
import { TransactionRunner } from '../../database/transaction';
import { HomeserverConnection, HomeserverError } from '../../homeserver';
import { JobQueue } from '../../jobs/job-queue';
import { PasswordComplexity, PasswordTooWeak } from '../../passwords/password-complexity';
import { PasswordHasher } from '../../passwords/password-hasher';
import { UserAdminRepository } from '../../storage/users/user-admin.repository';
import { UserPasswordRepository } from '../../storage/users/user-password.repository';
import type { UserEntity } from '../../storage/users/user.entity';
import { UserRepository } from '../../storage/users/user.repository';
import { UserLocking } from '../../users/user-locking.service';
import type { JsonObject } from '../common/admin-body';
import { AdminApiError, badRequest, conflict, notFound } from '../common/admin-error';
import { optionalBool, optionalString, requiredBool, requiredString } from '../common/body-fields';
import { answerListing, singleResponse } from '../common/envelope';
import { FilterReader, parsePagination } from '../common/list-query';
import { USER_KIND, userAttributes, userView } from './user.view';

/** MAS admin/v1/users/add.rs `username_valid`. */
function usernameValid(username: string): boolean {
  return (
    username.length > 0 &&
    username.length <= 255 &&
    !username.startsWith('_') &&
    /^[a-z0-9=_\-./+]+$/.test(username)
  );
}

function homeserverFailure(error: unknown): never {
  if (error instanceof HomeserverError) throw new AdminApiError(500, error.message);
  throw error;
}

/** The admin API's `/users` operations (MAS admin/v1/users/*). */
@Injectable()
export class UsersAdminService {
  private readonly logger = new Logger(UsersAdminService.name);

  constructor(
    private readonly clock: Clock,
    private readonly rng: Rng,
    private readonly tx: TransactionRunner,
    private readonly users: UserRepository,
    private readonly listing: UserAdminRepository,
    private readonly passwords: UserPasswordRepository,
    private readonly hasher: PasswordHasher,
    private readonly complexity: PasswordComplexity,
    private readonly homeserver: HomeserverConnection,
    private readonly jobs: JobQueue,
    private readonly locking: UserLocking,
  ) {}

  /** `GET /users` with `filter[admin|legacy-guest|search|status|…]`. */
  async list(query: URLSearchParams) {
    const { pagination, includeCount } = parsePagination(query);
    const f = new FilterReader(query);
    const filter = {
      admin: f.bool('admin'),
      legacyGuest: f.bool('legacy-guest'),
      search: f.string('search'),
      status: f.oneOf('status', ['active', 'locked', 'deactivated'] as const),
      activeOAuth2Clients: f.ulids('active-oauth2-client'),
      hasActiveOAuth2Session: f.bool('has-active-oauth2-session'),
      hasActiveCompatSession: f.bool('has-active-compat-session'),
    };
    return answerListing({
      kind: USER_KIND,
      pagination,
      includeCount,
      filters: f.canonical,
      list: (p) => this.listing.list(filter, p),
      count: () => this.listing.count(filter),
      view: userView,
    });
  }

  async get(id: string) {
    const user = await this.find(id);
    return singleResponse(USER_KIND, user.id, userAttributes(user));
  }

  async byUsername(username: string) {
    const user = await this.users.findByUsername(username);
    if (!user) throw notFound(`User with username ${JSON.stringify(username)} not found`);
    return singleResponse(
      USER_KIND,
      user.id,
      userAttributes(user),
      `${USER_KIND.path}/by-username/${username}`,
    );
  }

  /**
   * `POST /users`: checks the username here and on the homeserver (unless
   * `skip_homeserver_check`), creates the user and queues its provisioning with the display
   * name and avatar in the same transaction.
   */
  async add(body: JsonObject) {
    const username = requiredString(body, 'username');
    const skipHomeserverCheck = optionalBool(body, 'skip_homeserver_check') ?? false;
    const displayName = optionalString(body, 'displayname');
    const avatarUrl = optionalString(body, 'avatar_url');
    if (await this.users.isUsernameTaken(username)) throw conflict('User already exists');
    if (!usernameValid(username)) throw badRequest('Username is not valid');
    const availability = await this.homeserver
      .isLocalpartAvailable(username)
      .catch(homeserverFailure);
    if (!availability.available) {
      if (!skipHomeserverCheck) throw conflict('Username is reserved by the homeserver');
      this.logger.warn(`skipped the homeserver check for username ${username}`);
    }
    const user = await this.tx.run(async (t) => {
      const added = await this.users.add(
        { id: this.rng.ulid(), username, createdAt: this.clock.now() },
        t,
      );
      if (!added) throw conflict('User already exists');
      await this.jobs.enqueue(
        'provision-user',
        {
          userId: added.id,
          ...(displayName !== undefined ? { displayName } : {}),
          ...(avatarUrl !== undefined ? { avatarUrl } : {}),
        },
        { tx: t },
      );
      return added;
    });
    return singleResponse(USER_KIND, user.id, userAttributes(user));
  }

  /**
   * `POST /users/{id}/set-password`: a password scoring below `passwords.minimum_complexity`
   * (zxcvbn) is refused as too weak unless `skip_password_check`; an empty one always is.
   */
  async setPassword(id: string, body: JsonObject): Promise<void> {
    const password = requiredString(body, 'password');
    const skipCheck = optionalBool(body, 'skip_password_check') ?? false;
    if (!this.hasher.enabled) throw new AdminApiError(403, 'Password auth is disabled');
    const user = await this.find(id);
    if (password.length === 0) throw badRequest('Password is too weak');
    if (!skipCheck) {
      try {
        this.complexity.check(password);
      } catch (error) {
        if (error instanceof PasswordTooWeak) throw badRequest('Password is too weak');
        throw error;
      }
    }
    const { hash, version } = await this.hasher.hash(password);
    await this.passwords.add({
      id: this.rng.ulid(),
      userId: user.id,
      hashedPassword: hash,
      version,
      createdAt: this.clock.now(),
    });
  }

  /** `POST /users/{id}/set-admin` (`can_request_admin`). */
  async setAdmin(id: string, body: JsonObject) {
    const admin = requiredBool(body, 'admin');
    if (!(await this.users.setCanRequestAdmin(id, admin))) throw this.missing(id);
    return this.answer(id, 'set-admin');
  }

  /** `POST /users/{id}/lock`: locked now, then provisioned (Synapse `locked`). */
  async lock(id: string) {
    await this.find(id);
    await this.locking.lock(id);
    return this.answer(id, 'lock');
  }

  /** `POST /users/{id}/unlock`. */
  async unlock(id: string) {
    await this.find(id);
    await this.locking.unlock(id);
    return this.answer(id, 'unlock');
  }

  /**
   * `POST /users/{id}/deactivate` (`skip_erase`): locked now; the `deactivate-user` job then
   * deactivates the user here and on the homeserver, erasing there unless `skip_erase`.
   */
  async deactivate(id: string, body: JsonObject) {
    const skipErase = optionalBool(body, 'skip_erase') ?? false;
    await this.find(id);
    await this.locking.deactivate(id, { erase: !skipErase });
    return this.answer(id, 'deactivate');
  }

  /** `POST /users/{id}/reactivate`: the `reactivate-user` job reactivates it on both sides. */
  async reactivate(id: string) {
    await this.find(id);
    await this.locking.reactivate(id);
    return this.answer(id, 'reactivate');
  }

  private async answer(id: string, action: string) {
    const user = await this.find(id);
    return singleResponse(
      USER_KIND,
      user.id,
      userAttributes(user),
      `${USER_KIND.path}/${id}/${action}`,
    );
  }

  private missing(id: string): AdminApiError {
    return notFound(`User ID ${id} not found`);
  }

  private async find(id: string): Promise<UserEntity> {
    const user = await this.users.findById(id);
    if (!user) throw this.missing(id);
    return user;
  }
}
