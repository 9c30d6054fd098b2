import { Injectable } from '@nestjs/common';
import { Clock, Encrypter } from '../../core';
import type { UserRegistrationTokenEntity } from '../../storage/users/user-registration-token.entity';
import { UserRegistrationTokenAdminRepository } from '../../storage/users/user-registration-token-admin.repository';
import {
  InvalidRegistrationToken,
  RegistrationTokens,
  RegistrationTokenTaken,
} from '../../users/registration-tokens.service';
import type { JsonObject } from '../common/admin-body';
import { badRequest, conflict, notFound } from '../common/admin-error';
import { nullable, optionalDateTime, optionalString, optionalUint32 } from '../common/body-fields';
import { answerListing, singleResponse } from '../common/envelope';
import { FilterReader, parsePagination } from '../common/list-query';
import { REGISTRATION_TOKEN_KIND, registrationTokenAttributes } from './registration-token.view';

/** The admin API's `/user-registration-tokens` (MAS admin/v1/user_registration_tokens/*). */
@Injectable()
export class RegistrationTokensAdminService {
  constructor(
    private readonly clock: Clock,
    private readonly encrypter: Encrypter,
    private readonly tokens: RegistrationTokens,
    private readonly repo: UserRegistrationTokenAdminRepository,
  ) {}

  async list(query: URLSearchParams) {
    const { pagination, includeCount } = parsePagination(query);
    const f = new FilterReader(query);
    const now = this.clock.now();
    const filter = {
      now,
      used: f.bool('used'),
      revoked: f.bool('revoked'),
      expired: f.bool('expired'),
      valid: f.bool('valid'),
    };
    return answerListing({
      kind: REGISTRATION_TOKEN_KIND,
      pagination,
      includeCount,
      filters: f.canonical,
      list: (p) => this.repo.list(filter, p),
      count: () => this.repo.count(filter),
      view: (t) => ({ id: t.id, attributes: this.attributes(t, now) }),
    });
  }

  /** `POST`: `{token?, usage_limit?, expires_at?}`; 409 when the value exists. */
  async add(body: JsonObject) {
    const token = optionalString(body, 'token');
    const usageLimit = optionalUint32(body, 'usage_limit') ?? null;
    const expiresAt = optionalDateTime(body, 'expires_at') ?? null;
    try {
      const issued = await this.tokens.issue({ token, usageLimit, expiresAt });
      return this.answer(issued.id);
    } catch (error) {
      if (error instanceof RegistrationTokenTaken) {
        throw conflict('A registration token with the same token already exists');
      }
      if (error instanceof InvalidRegistrationToken) {
        throw badRequest('Invalid registration token', error.message);
      }
      throw error;
    }
  }

  get(id: string) {
    return this.answer(id);
  }

  /** `PUT`: `expires_at`/`usage_limit` set when given, cleared by an explicit null. */
  async update(id: string, body: JsonObject) {
    const expiresAt = nullable(body, 'expires_at', optionalDateTime);
    const usageLimit = nullable(body, 'usage_limit', optionalUint32);
    if (!(await this.repo.edit(id, { expiresAt, usageLimit }))) throw this.missing(id);
    return this.answer(id);
  }

  async revoke(id: string) {
    const token = await this.find(id);
    if (token.revokedAt !== null) {
      throw badRequest(`Registration token with ID ${id} is already revoked`);
    }
    await this.repo.revoke(id, this.clock.now());
    return this.answer(id, `${REGISTRATION_TOKEN_KIND.path}/${id}/revoke`);
  }

  async unrevoke(id: string) {
    const token = await this.find(id);
    if (token.revokedAt === null) {
      throw badRequest(`Registration token with ID ${id} is not revoked`);
    }
    await this.repo.unrevoke(id);
    return this.answer(id, `${REGISTRATION_TOKEN_KIND.path}/${id}/unrevoke`);
  }

  private attributes(t: UserRegistrationTokenEntity, now: Date) {
    return registrationTokenAttributes(t, this.encrypter.decryptString(t.encryptedToken), now);
  }

  private async answer(id: string, self?: string) {
    const token = await this.find(id);
    return singleResponse(
      REGISTRATION_TOKEN_KIND,
      id,
      this.attributes(token, this.clock.now()),
      self,
    );
  }

  private missing(id: string) {
    return notFound(`Registration token with ID ${id} not found`);
  }

  private async find(id: string): Promise<UserRegistrationTokenEntity> {
    const token = await this.repo.findById(id);
    if (!token) throw this.missing(id);
    return token;
  }
}
