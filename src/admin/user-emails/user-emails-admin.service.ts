import { Injectable } from '@nestjs/common';
import { Clock, Rng } from '../../core';
import { TransactionRunner } from '../../database/transaction';
import { JobQueue } from '../../jobs/job-queue';
import type { UserEmailEntity } from '../../storage/users/user-email.entity';
import { UserEmailAdminRepository } from '../../storage/users/user-email-admin.repository';
import { UserEmailRepository } from '../../storage/users/user-email.repository';
import { UserRepository } from '../../storage/users/user.repository';
import { isValidEmail } from '../../users/email-address';
import type { JsonObject } from '../common/admin-body';
import { badRequest, conflict, notFound } from '../common/admin-error';
import { DATE_TIME, object, STRING, ULID } from '../common/api-docs';
import { requiredString, requiredUlid } from '../common/body-fields';
import {
  ADMIN_API_BASE,
  answerListing,
  type ResourceKind,
  singleResponse,
} from '../common/envelope';
import { FilterReader, parsePagination } from '../common/list-query';

export const USER_EMAIL_KIND: ResourceKind = {
  type: 'user-email',
  path: `${ADMIN_API_BASE}/user-emails`,
};

export const USER_EMAIL_SCHEMA = object({ created_at: DATE_TIME, user_id: ULID, email: STRING });

/** MAS admin/model.rs `UserEmail`. */
const view = (e: UserEmailEntity) => ({
  id: e.id,
  attributes: { created_at: e.createdAt.toISOString(), user_id: e.userId, email: e.email },
});

/**
 * The admin API's `/user-emails` (MAS admin/v1/user_emails/*). Adding bypasses the email
 * policy, as in MAS; adding and deleting queue `provision-user` so the homeserver's copy of
 * the user's addresses follows.
 */
@Injectable()
export class UserEmailsAdminService {
  constructor(
    private readonly clock: Clock,
    private readonly rng: Rng,
    private readonly tx: TransactionRunner,
    private readonly users: UserRepository,
    private readonly emails: UserEmailRepository,
    private readonly repo: UserEmailAdminRepository,
    private readonly jobs: JobQueue,
  ) {}

  async list(query: URLSearchParams) {
    const { pagination, includeCount } = parsePagination(query);
    const f = new FilterReader(query);
    const userId = f.ulid('user');
    if (userId !== undefined && !(await this.users.findById(userId))) {
      throw notFound(`User ID ${userId} not found`);
    }
    const filter = { userId, email: f.string('email') };
    return answerListing({
      kind: USER_EMAIL_KIND,
      pagination,
      includeCount,
      filters: f.canonical,
      list: (p) => this.repo.list(filter, p),
      count: () => this.repo.count(filter),
      view,
    });
  }

  /** `POST {user_id, email}`: 404 unknown user, 400 invalid, 409 when anyone has it. */
  async add(body: JsonObject) {
    const userId = requiredUlid(body, 'user_id');
    const email = requiredString(body, 'email');
    if (!(await this.users.findById(userId))) throw notFound(`User ID ${userId} not found`);
    if (!isValidEmail(email)) throw badRequest(`Email ${JSON.stringify(email)} is not valid`);
    if ((await this.repo.count({ email })) > 0) {
      throw conflict(`User email ${JSON.stringify(email)} already in use`);
    }
    const added = await this.tx.run(async (t) => {
      const row = await this.emails.add(
        { id: this.rng.ulid(), userId, email, createdAt: this.clock.now() },
        t,
      );
      await this.jobs.enqueue('provision-user', { userId }, { tx: t });
      return row;
    });
    const v = view(added);
    return singleResponse(USER_EMAIL_KIND, v.id, v.attributes);
  }

  async get(id: string) {
    const v = view(await this.find(id));
    return singleResponse(USER_EMAIL_KIND, v.id, v.attributes);
  }

  async remove(id: string): Promise<void> {
    const email = await this.find(id);
    await this.tx.run(async (t) => {
      await this.repo.remove(id, t);
      await this.jobs.enqueue('provision-user', { userId: email.userId }, { tx: t });
    });
  }

  private async find(id: string): Promise<UserEmailEntity> {
    const email = await this.repo.findById(id);
    if (!email) throw notFound(`User email ID ${id} not found`);
    return email;
  }
}
