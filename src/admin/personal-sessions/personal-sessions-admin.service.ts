import { Injectable } from '@nestjs/common';
import { userInactiveReason } from '../../access-tokens';
import { Clock, generateToken, hashToken, Rng, TokenType } from '../../core';
import { TransactionRunner } from '../../database/transaction';
import { HomeserverConnection, HomeserverError, UserDeviceLock } from '../../homeserver';
import { PersonalSessionTerminator } from '../../sessions';
import { deviceIdOf, InvalidScopeSyntax, isScopeToken, parseScope } from '../../scopes/scope';
import { OAuth2ClientRepository } from '../../storage/oauth2/oauth2-client.repository';
import { PersonalSessionAdminRepository } from '../../storage/personal/personal-session-admin.repository';
import { UserRepository } from '../../storage/users/user.repository';
import { type AdminCaller, personalOwnerOf } from '../auth/admin-caller';
import type { JsonObject } from '../common/admin-body';
import { AdminApiError, badRequest, conflict, notFound } from '../common/admin-error';
import { optionalUint32, requiredString, requiredUlid } from '../common/body-fields';
import { answerListing, singleResponse } from '../common/envelope';
import { FilterReader, parsePagination } from '../common/list-query';
import { PERSONAL_SESSION_KIND, personalSessionView } from './personal-session.view';

function deviceOf(scopeList: string[]): string | undefined {
  try {
    return deviceIdOf(parseScope(scopeList.join(' ')));
  } catch {
    return undefined;
  }
}

/**
 * The admin API's `/personal-sessions` (MAS admin/v1/personal_sessions/*): sessions an admin
 * creates for an actor user, with an `mpt_` token shown once (only its SHA-256 is stored).
 */
@Injectable()
export class PersonalSessionsAdminService {
  constructor(
    private readonly clock: Clock,
    private readonly rng: Rng,
    private readonly tx: TransactionRunner,
    private readonly users: UserRepository,
    private readonly clients: OAuth2ClientRepository,
    private readonly repo: PersonalSessionAdminRepository,
    private readonly homeserver: HomeserverConnection,
    private readonly deviceLock: UserDeviceLock,
    private readonly terminator: PersonalSessionTerminator,
  ) {}

  async list(query: URLSearchParams) {
    const { pagination, includeCount } = parsePagination(query);
    const f = new FilterReader(query);
    const ownerUserId = f.ulid('owner_user');
    if (ownerUserId !== undefined) await this.requireUser(ownerUserId);
    const ownerClientId = f.ulid('owner_client');
    if (ownerClientId !== undefined && !(await this.clients.findById(ownerClientId))) {
      throw notFound(`Client ID ${ownerClientId} not found`);
    }
    const actorUserId = f.ulid('actor_user');
    if (actorUserId !== undefined) await this.requireUser(actorUserId);
    const scope = f.strings('scope');
    const invalid = scope.find((s) => !isScopeToken(s));
    if (invalid !== undefined) {
      throw badRequest(`Invalid scope ${JSON.stringify(invalid)} in filter parameters`);
    }
    const filter = {
      ownerUserId,
      ownerClientId,
      actorUserId,
      scope,
      status: f.oneOf('status', ['active', 'revoked'] as const),
      expiresBefore: f.dateTime('expires_before'),
      expiresAfter: f.dateTime('expires_after'),
      expires: f.bool('expires'),
    };
    return answerListing({
      kind: PERSONAL_SESSION_KIND,
      pagination,
      includeCount,
      filters: f.canonical,
      list: (p) => this.repo.list(filter, p),
      count: () => this.repo.count(filter),
      view: (row) => personalSessionView(row),
    });
  }

  async get(id: string) {
    const found = await this.repo.findById(id);
    if (!found) throw notFound('Personal session not found');
    return singleResponse(PERSONAL_SESSION_KIND, id, personalSessionView(found).attributes);
  }

  /**
   * `POST {actor_user_id, human_name, scope, expires_in?}`, owned by the caller's user (or
   * client). A device scope is provisioned on the homeserver before the token is returned
   * (CONTRACTS §3), under the actor's device lock.
   */
  async create(caller: AdminCaller, body: JsonObject) {
    const actorUserId = requiredUlid(body, 'actor_user_id');
    const humanName = requiredString(body, 'human_name');
    const rawScope = requiredString(body, 'scope');
    const expiresIn = optionalUint32(body, 'expires_in');
    const actor = await this.users.findById(actorUserId);
    if (!actor) throw notFound('User not found');
    if (userInactiveReason(actor) !== null) throw new AdminApiError(410, 'User is not active');
    let scopeList: string[];
    try {
      scopeList = parseScope(rawScope).map((t) => t.raw);
    } catch (error) {
      if (error instanceof InvalidScopeSyntax) throw badRequest('Invalid scope');
      throw error;
    }
    const owner = personalOwnerOf(caller);
    const id = this.rng.ulid();
    const device = deviceOf(scopeList);
    const token = await this.deviceLock.run(actor.id, async () => {
      if (device !== undefined) {
        await this.homeserver.upsertDevice(actor.username, device).catch((error: unknown) => {
          if (error instanceof HomeserverError) {
            throw new AdminApiError(500, 'Failed to provision device');
          }
          throw error;
        });
      }
      return this.tx.run(async (t) => {
        const now = this.clock.now();
        await this.repo.addSession(
          {
            id,
            ownerUserId: 'userId' in owner ? owner.userId : null,
            ownerOAuth2ClientId: 'clientId' in owner ? owner.clientId : null,
            actorUserId: actor.id,
            humanName,
            scopeList,
            createdAt: now,
          },
          t,
        );
        return this.mintToken(id, expiresIn, now, t);
      });
    });
    return this.answerWithToken(id, token);
  }

  /** `POST /{id}/revoke`: 409 when already revoked; a device scope schedules a device sync. */
  async revoke(id: string) {
    const found = await this.repo.findById(id);
    if (!found) throw notFound(`Personal session with ID ${id} not found`);
    if (!(await this.terminator.revoke(id))) {
      throw conflict(`Personal session with ID ${id} is already revoked`);
    }
    return this.get(id);
  }

  /**
   * `POST /{id}/regenerate {expires_in?}`: a new token replaces the old one; only the
   * session's owner may do it (403), and only while the session is valid (422).
   */
  async regenerate(caller: AdminCaller, id: string, body: JsonObject) {
    const expiresIn = optionalUint32(body, 'expires_in');
    const found = await this.repo.findById(id);
    if (!found) throw notFound('Session not found');
    if (found.session.revokedAt !== null || found.token === null) {
      throw new AdminApiError(422, 'Session not valid');
    }
    const owner = personalOwnerOf(caller);
    const ownedByCaller =
      'userId' in owner
        ? found.session.ownerUserId === owner.userId
        : found.session.ownerOAuth2ClientId === owner.clientId;
    if (!ownedByCaller) throw new AdminApiError(403, 'Session does not belong to you');
    const token = await this.tx.run(async (t) => {
      const now = this.clock.now();
      await this.repo.revokeTokensOf(id, now, t);
      return this.mintToken(id, expiresIn, now, t);
    });
    return this.answerWithToken(id, token);
  }

  private async mintToken(
    sessionId: string,
    expiresIn: number | undefined,
    now: Date,
    t: Parameters<PersonalSessionAdminRepository['addToken']>[1],
  ): Promise<string> {
    const raw = generateToken(TokenType.PersonalAccessToken, this.rng);
    await this.repo.addToken(
      {
        id: this.rng.ulid(),
        personalSessionId: sessionId,
        accessTokenSha256: hashToken(raw),
        createdAt: now,
        expiresAt: expiresIn === undefined ? null : new Date(now.getTime() + expiresIn * 1000),
      },
      t,
    );
    return raw;
  }

  private async answerWithToken(id: string, token: string) {
    const found = (await this.repo.findById(id))!;
    return singleResponse(PERSONAL_SESSION_KIND, id, personalSessionView(found, token).attributes);
  }

  private async requireUser(id: string): Promise<void> {
    if (!(await this.users.findById(id))) throw notFound(`User ID ${id} not found`);
  }
}
