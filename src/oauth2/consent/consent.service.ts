import { Injectable } from '@nestjs/common';
import { TooManySessions } from '../../sessions';
import { MatrixConfig } from '../../config';
import { Clock, hashToken, isStorableUlid, Rng } from '../../core';
import { PolicyEngine, SessionCounter, type Violation } from '../../policy';
import { parseScope } from '../../scopes/scope';
import { UserSessionAuthenticationRepository } from '../../storage/browser-sessions/user-session-authentication.repository';
import type { OAuth2AuthorizationGrantEntity } from '../../storage/oauth2/oauth2-authorization-grant.entity';
import { OAuth2AuthorizationGrantRepository } from '../../storage/oauth2/oauth2-authorization-grant.repository';
import type { OAuth2ClientEntity } from '../../storage/oauth2/oauth2-client.entity';
import { OAuth2ClientRepository } from '../../storage/oauth2/oauth2-client.repository';
import {
  type BrowserSession,
  page,
  redirect,
  type WebContext,
  type WebResult,
} from '../../web-session';
import { StaleAuthorizationRequest } from '../authorize/authorization-errors';
import { readAuthorizationParams } from '../authorize/authorization-params';
import { isResponseMode, type ResponseTarget } from '../authorize/authorization-response';
import { AuthorizationResponder } from '../authorize/authorization-responder';
import { checkPrompt } from '../authorize/checks/prompt.check';
import { consentPath, loginPath } from '../authorize/sign-in-paths';
import { clientView, scopeLines } from './consent-view';
import { needsFreshSignIn } from './sign-in-freshness';

/** A pending authorization request must be consented to within an hour of being made. */
export const PENDING_GRANT_TTL_MS = 60 * 60 * 1000;

/** The authorization code: 32 alphanumerics (~190 bits), stored only as SHA-256 (MAS length). */
const CODE_LENGTH = 32;

/** A pending grant that the signed-in person may now decide on. */
interface Decidable {
  kind: 'decidable';
  grant: OAuth2AuthorizationGrantEntity;
  client: OAuth2ClientEntity;
  session: BrowserSession;
  target: ResponseTarget;
  violations: Violation[];
}

type Preparation = Decidable | { kind: 'detour'; result: WebResult };

/**
 * The consent page `/consent/{grant_id}` (MAS oauth2/authorization/consent.rs): shown on every
 * authorization, after sign-in, with the client and the requested scopes in plain words. Both
 * showing and deciding re-check the grant, the sign-in freshness and the grant policy.
 */
@Injectable()
export class ConsentService {
  constructor(
    private readonly grants: OAuth2AuthorizationGrantRepository,
    private readonly clients: OAuth2ClientRepository,
    private readonly authentications: UserSessionAuthenticationRepository,
    private readonly responder: AuthorizationResponder,
    private readonly clock: Clock,
    private readonly rng: Rng,
    private readonly policy: PolicyEngine,
    private readonly sessionCounter: SessionCounter,
    private readonly tooManySessions: TooManySessions,
    private readonly matrix: MatrixConfig,
  ) {}

  async show(web: WebContext, grantId: string): Promise<WebResult> {
    const ready = await this.prepare(web, grantId);
    if (ready.kind === 'detour') return ready.result;
    return this.render(ready, 200);
  }

  /**
   * POST: `action=allow` fulfils the grant and sends the code; `action=deny` declines;
   * `action=end_sessions` ends the selected `session`s of the person (the too-many-sessions
   * page) and comes back here, to be judged again.
   */
  async decide(
    web: WebContext,
    grantId: string,
    form: Record<string, unknown>,
  ): Promise<WebResult> {
    const ready = await this.prepare(web, grantId);
    if (ready.kind === 'detour') return ready.result;
    const action = form.action;
    if (action === 'end_sessions') {
      await this.tooManySessions.endSelected(ready.session.user.id, form.session);
      return redirect(consentPath(ready.grant.id));
    }
    const now = this.clock.now();
    if (action === 'deny') {
      if (!(await this.grants.cancel(ready.grant.id, now))) {
        throw new StaleAuthorizationRequest('completed');
      }
      // RFC 6749 §4.1.2.1: the resource owner denied the request.
      return this.responder.error(ready.target, 'access_denied', 'the user declined the request');
    }
    if (action !== 'allow' || ready.violations.length > 0) {
      return this.render(ready, ready.violations.length > 0 ? 403 : 400);
    }
    const code = this.rng.alphanumeric(CODE_LENGTH);
    if (!(await this.grants.fulfill(ready.grant.id, ready.session.id, hashToken(code), now))) {
      throw new StaleAuthorizationRequest('completed');
    }
    return this.responder.code(ready.target, code);
  }

  private async prepare(web: WebContext, grantId: string): Promise<Preparation> {
    const grant = isStorableUlid(grantId) ? await this.grants.findById(grantId) : null;
    if (!grant) throw new StaleAuthorizationRequest('not_found');
    const here = consentPath(grant.id);
    if (!web.session) {
      return { kind: 'detour', result: redirect(loginPath(here, grant.loginHint)) };
    }
    if (grant.fulfilledAt || grant.cancelledAt) throw new StaleAuthorizationRequest('completed');
    const now = this.clock.now();
    if (now.getTime() - grant.createdAt.getTime() > PENDING_GRANT_TTL_MS) {
      throw new StaleAuthorizationRequest('expired');
    }
    const client = await this.clients.findById(grant.oauth2ClientId);
    if (!client) throw new StaleAuthorizationRequest('not_found');

    // The grant passed the endpoint's checks, `create` included when it was honoured.
    const prompt = checkPrompt(readAuthorizationParams(grant.rawParameters), true);
    const requirements = prompt.ok ? prompt.requirements : { prompt: [], maxAge: null };
    const lastAuth = await this.authentications.findLatestForSession(web.session.id);
    if (needsFreshSignIn(requirements, grant.createdAt, lastAuth?.createdAt ?? null, now)) {
      return { kind: 'detour', result: redirect(loginPath(here, grant.loginHint, true)) };
    }

    const user = web.session.user;
    const { violations } = await this.policy.evaluateAuthorizationGrant({
      user: { id: user.id, username: user.username, canRequestAdmin: user.canRequestAdmin },
      client: { id: client.id },
      scope: parseScope(grant.scope),
      grantType: 'authorization_code',
      requester: { ipAddress: web.ip, userAgent: web.userAgent },
      sessionCounts: await this.sessionCounter.countForLimiting(user.id),
    });
    const target: ResponseTarget = {
      redirectUri: grant.redirectUri,
      responseMode: isResponseMode(grant.responseMode) ? grant.responseMode : 'query',
      state: grant.state,
    };
    return { kind: 'decidable', grant, client, session: web.session, target, violations };
  }

  private async render(ready: Decidable, status: number): Promise<WebResult> {
    const user = ready.session.user;
    const only = ready.violations.length === 1 ? ready.violations[0] : undefined;
    if (only?.code === 'too-many-sessions') {
      // MAS policy_violation.html: the one thing in the way is the session limit, which the
      // person can lift here by ending sessions.
      return page(
        'consent-too-many-sessions.njk',
        {
          action: consentPath(ready.grant.id),
          client: clientView(ready.client, ready.grant.redirectUri),
          need_to_remove: only.need_to_remove ?? 1,
          sessions: await this.tooManySessions.list(user.id),
          user: { username: user.username, mxid: `@${user.username}:${this.matrix.homeserver}` },
          switch_account: loginPath(consentPath(ready.grant.id), null, true),
        },
        status,
      );
    }
    return page(
      ready.violations.length > 0 ? 'consent-refused.njk' : 'consent.njk',
      {
        action: consentPath(ready.grant.id),
        client: clientView(ready.client, ready.grant.redirectUri),
        scopes: scopeLines(parseScope(ready.grant.scope)),
        violations: ready.violations.map((v) => v.msg),
        user: { username: user.username, mxid: `@${user.username}:${this.matrix.homeserver}` },
        switch_account: loginPath(consentPath(ready.grant.id), null, true),
      },
      status,
    );
  }
}
