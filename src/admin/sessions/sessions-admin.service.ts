import { Injectable } from '@nestjs/common';
import { Clock } from '../../core';
import { isScopeToken } from '../../scopes/scope';
import { CompatSessionTerminator, OAuth2SessionTerminator } from '../../sessions';
import { UserSessionAdminRepository } from '../../storage/browser-sessions/user-session-admin.repository';
import { UserSessionRepository } from '../../storage/browser-sessions/user-session.repository';
import { CompatSessionAdminRepository } from '../../storage/compat/compat-session-admin.repository';
import { OAuth2ClientRepository } from '../../storage/oauth2/oauth2-client.repository';
import { OAuth2SessionAdminRepository } from '../../storage/oauth2/oauth2-session-admin.repository';
import { OAuth2SessionRepository } from '../../storage/oauth2/oauth2-session.repository';
import type { SessionListFilter } from '../../storage/session-list-filter';
import { UserRepository } from '../../storage/users/user.repository';
import { badRequest, notFound } from '../common/admin-error';
import { answerListing, singleResponse } from '../common/envelope';
import { FilterReader, parsePagination } from '../common/list-query';
import {
  COMPAT_SESSION_KIND,
  compatSessionView,
  OAUTH2_SESSION_KIND,
  oauth2SessionView,
  USER_SESSION_KIND,
  userSessionView,
} from './session.views';

const STATUS = ['active', 'finished'] as const;

/**
 * The admin API's session resources (MAS admin/v1/{user,compat,oauth2}_sessions/*): lists with
 * filters, one by id, and finishing one. Finishing a compat or OAuth 2.0 session goes through
 * the terminators, which schedule the device sync with the homeserver.
 */
@Injectable()
export class SessionsAdminService {
  constructor(
    private readonly clock: Clock,
    private readonly users: UserRepository,
    private readonly clients: OAuth2ClientRepository,
    private readonly browserSessions: UserSessionRepository,
    private readonly browserListing: UserSessionAdminRepository,
    private readonly compatListing: CompatSessionAdminRepository,
    private readonly oauth2Sessions: OAuth2SessionRepository,
    private readonly oauth2Listing: OAuth2SessionAdminRepository,
    private readonly compatTerminator: CompatSessionTerminator,
    private readonly oauth2Terminator: OAuth2SessionTerminator,
  ) {}

  /** Reads `filter[user]`; 404 when no user has that id. */
  private async userFilter(f: FilterReader): Promise<string | undefined> {
    const userId = f.ulid('user');
    if (userId !== undefined && !(await this.users.findById(userId))) {
      throw notFound(`User ID ${userId} not found`);
    }
    return userId;
  }

  /** Reads `filter[status]` and the time bounds. */
  private statusAndTimes(f: FilterReader): Omit<SessionListFilter, 'userId'> {
    return {
      status: f.oneOf('status', STATUS),
      createdBefore: f.dateTime('created-before'),
      createdAfter: f.dateTime('created-after'),
      lastActiveBefore: f.dateTime('last-active-before'),
      lastActiveAfter: f.dateTime('last-active-after'),
    };
  }

  private async userSessionFilter(f: FilterReader): Promise<string | undefined> {
    const id = f.ulid('user-session');
    if (id !== undefined && !(await this.browserSessions.findById(id))) {
      throw notFound(`User session ID ${id} not found`);
    }
    return id;
  }

  async listUserSessions(query: URLSearchParams) {
    const { pagination, includeCount } = parsePagination(query);
    const f = new FilterReader(query);
    const userId = await this.userFilter(f);
    const filter = { userId, ...this.statusAndTimes(f) };
    return answerListing({
      kind: USER_SESSION_KIND,
      pagination,
      includeCount,
      filters: f.canonical,
      list: (p) => this.browserListing.list(filter, p),
      count: () => this.browserListing.count(filter),
      view: userSessionView,
    });
  }

  async getUserSession(id: string) {
    const s = await this.browserSessions.findById(id);
    if (!s) throw notFound(`User session ID ${id} not found`);
    const v = userSessionView(s);
    return singleResponse(USER_SESSION_KIND, v.id, v.attributes);
  }

  async finishUserSession(id: string) {
    const s = await this.browserSessions.findById(id);
    if (!s) throw notFound(`User session with ID ${id} not found`);
    if (s.finishedAt !== null) throw badRequest(`User session with ID ${id} is already finished`);
    await this.browserSessions.finish(id, this.clock.now());
    const v = userSessionView((await this.browserSessions.findById(id))!);
    return singleResponse(
      USER_SESSION_KIND,
      id,
      v.attributes,
      `${USER_SESSION_KIND.path}/${id}/finish`,
    );
  }

  async listCompatSessions(query: URLSearchParams) {
    const { pagination, includeCount } = parsePagination(query);
    const f = new FilterReader(query);
    const userId = await this.userFilter(f);
    const userSessionId = await this.userSessionFilter(f);
    const filter = { userId, userSessionId, ...this.statusAndTimes(f) };
    return answerListing({
      kind: COMPAT_SESSION_KIND,
      pagination,
      includeCount,
      filters: f.canonical,
      list: (p) => this.compatListing.list(filter, p),
      count: () => this.compatListing.count(filter),
      view: compatSessionView,
    });
  }

  async getCompatSession(id: string) {
    const found = await this.compatListing.findById(id);
    if (!found) throw notFound(`Compatibility session ID ${id} not found`);
    return singleResponse(COMPAT_SESSION_KIND, id, compatSessionView(found).attributes);
  }

  async finishCompatSession(id: string) {
    const found = await this.compatListing.findById(id);
    if (!found) throw notFound(`Compatibility session with ID ${id} not found`);
    if (found.session.finishedAt !== null) {
      throw badRequest(`Compatibility session with ID ${id} is already finished`);
    }
    await this.compatTerminator.end(id);
    const ended = (await this.compatListing.findById(id))!;
    return singleResponse(
      COMPAT_SESSION_KIND,
      id,
      compatSessionView(ended).attributes,
      `${COMPAT_SESSION_KIND.path}/${id}/finish`,
    );
  }

  async listOAuth2Sessions(query: URLSearchParams) {
    const { pagination, includeCount } = parsePagination(query);
    const f = new FilterReader(query);
    const userId = await this.userFilter(f);
    const clientIds = f.ulids('client');
    for (const clientId of clientIds) {
      if (!(await this.clients.findById(clientId)))
        throw notFound(`Client ID ${clientId} not found`);
    }
    const clientKind = f.oneOf('client-kind', ['dynamic', 'static'] as const);
    const userSessionId = await this.userSessionFilter(f);
    const scope = f.strings('scope');
    const invalid = scope.find((s) => !isScopeToken(s));
    if (invalid !== undefined) {
      throw badRequest(`Invalid scope ${JSON.stringify(invalid)} in filter parameters`);
    }
    const filter = {
      userId,
      clientIds,
      clientKind,
      userSessionId,
      scope,
      ...this.statusAndTimes(f),
    };
    return answerListing({
      kind: OAUTH2_SESSION_KIND,
      pagination,
      includeCount,
      filters: f.canonical,
      list: (p) => this.oauth2Listing.list(filter, p),
      count: () => this.oauth2Listing.count(filter),
      view: oauth2SessionView,
    });
  }

  async getOAuth2Session(id: string) {
    const s = await this.oauth2Sessions.findById(id);
    if (!s) throw notFound(`OAuth 2.0 session ID ${id} not found`);
    return singleResponse(OAUTH2_SESSION_KIND, id, oauth2SessionView(s).attributes);
  }

  async finishOAuth2Session(id: string) {
    const s = await this.oauth2Sessions.findById(id);
    if (!s) throw notFound(`OAuth 2.0 session with ID ${id} not found`);
    if (s.finishedAt !== null) {
      throw badRequest(`OAuth 2.0 session with ID ${id} is already finished`);
    }
    await this.oauth2Terminator.end(id);
    const ended = (await this.oauth2Sessions.findById(id))!;
    return singleResponse(
      OAUTH2_SESSION_KIND,
      id,
      oauth2SessionView(ended).attributes,
      `${OAUTH2_SESSION_KIND.path}/${id}/finish`,
    );
  }
}
