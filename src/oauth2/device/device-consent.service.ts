import { Injectable } from '@nestjs/common';
import { TooManySessions } from '../../sessions';
import { MatrixConfig } from '../../config';
import { Clock, isStorableUlid } from '../../core';
import type { Violation } from '../../policy';
import { parseScope } from '../../scopes/scope';
import { deviceGrantState } from '../../storage/oauth2/device-code-grant.state';
import type { OAuth2ClientEntity } from '../../storage/oauth2/oauth2-client.entity';
import { OAuth2ClientRepository } from '../../storage/oauth2/oauth2-client.repository';
import type { OAuth2DeviceCodeGrantEntity } from '../../storage/oauth2/oauth2-device-code-grant.entity';
import { OAuth2DeviceCodeGrantRepository } from '../../storage/oauth2/oauth2-device-code-grant.repository';
import {
  type BrowserSession,
  page,
  redirect,
  type WebContext,
  type WebResult,
} from '../../web-session';
import { loginPath } from '../authorize/sign-in-paths';
import { clientCard, scopeLines } from '../consent/consent-view';
import { DeviceGrantPolicy } from './device-grant.policy';
import { deviceConsentPath } from './device-paths';

/** A pending grant the signed-in person may now decide on. */
interface Decidable {
  kind: 'decidable';
  grant: OAuth2DeviceCodeGrantEntity;
  client: OAuth2ClientEntity;
  session: BrowserSession;
  violations: Violation[];
}

type Preparation = Decidable | { kind: 'done'; result: WebResult };

/** Why a device grant can no longer be decided on (the `authorization-stale.njk` reasons). */
type StaleReason = 'not_found' | 'completed' | 'expired';

function stalePage(reason: StaleReason): WebResult {
  return page('authorization-stale.njk', { reason }, reason === 'not_found' ? 404 : 400);
}

function stale(reason: StaleReason): Preparation {
  return { kind: 'done', result: stalePage(reason) };
}

/**
 * The consent page of a device authorization grant, `/device/{id}` (RFC 8628 §3.3; MAS
 * oauth2/device/consent.rs): after sign-in, it names the client and the scopes in plain words
 * and runs the grant policy; approving binds the grant to the browser session, which the
 * client's next poll turns into tokens (RFC 8628 §3.5); rejecting makes that poll
 * `access_denied`. Showing and deciding both re-check the grant and the policy.
 */
@Injectable()
export class DeviceConsentService {
  constructor(
    private readonly clock: Clock,
    private readonly grants: OAuth2DeviceCodeGrantRepository,
    private readonly clients: OAuth2ClientRepository,
    private readonly policy: DeviceGrantPolicy,
    private readonly tooManySessions: TooManySessions,
    private readonly matrix: MatrixConfig,
  ) {}

  async show(web: WebContext, grantId: string): Promise<WebResult> {
    const ready = await this.prepare(web, grantId);
    if (ready.kind === 'done') return ready.result;
    return this.render(ready, 200);
  }

  /**
   * POST: `action=allow` approves the device, `action=deny` rejects it, `action=end_sessions`
   * ends the selected `session`s of the person (the too-many-sessions page) and comes back.
   */
  async decide(
    web: WebContext,
    grantId: string,
    form: Record<string, unknown>,
  ): Promise<WebResult> {
    const ready = await this.prepare(web, grantId);
    if (ready.kind === 'done') return ready.result;
    const action = form.action;
    if (action === 'end_sessions') {
      await this.tooManySessions.endSelected(ready.session.user.id, form.session);
      return redirect(deviceConsentPath(ready.grant.id));
    }
    const now = this.clock.now();
    const client = clientCard(ready.client);
    if (action === 'deny') {
      if (!(await this.grants.reject(ready.grant.id, ready.session.id, now))) {
        return stalePage('completed');
      }
      return page('device-done.njk', { outcome: 'rejected', client });
    }
    if (action !== 'allow' || ready.violations.length > 0) {
      return this.render(ready, ready.violations.length > 0 ? 403 : 400);
    }
    if (!(await this.grants.fulfill(ready.grant.id, ready.session.id, web.locale, now))) {
      return stalePage('completed');
    }
    return page('device-done.njk', { outcome: 'approved', client });
  }

  private async prepare(web: WebContext, grantId: string): Promise<Preparation> {
    const grant = isStorableUlid(grantId) ? await this.grants.findById(grantId) : null;
    if (!grant) return stale('not_found');
    if (!web.session) {
      return { kind: 'done', result: redirect(loginPath(deviceConsentPath(grant.id), null)) };
    }
    const state = deviceGrantState(grant, this.clock.now());
    if (state === 'expired') return stale('expired');
    if (state !== 'pending') return stale('completed');
    const client = await this.clients.findById(grant.oauth2ClientId);
    if (!client) return stale('not_found');
    const user = web.session.user;
    const violations = await this.policy.consentViolations(
      parseScope(grant.scope),
      client.id,
      { id: user.id, username: user.username, canRequestAdmin: user.canRequestAdmin },
      { ipAddress: web.ip, userAgent: web.userAgent },
    );
    return { kind: 'decidable', grant, client, session: web.session, violations };
  }

  private async render(ready: Decidable, status: number): Promise<WebResult> {
    const user = ready.session.user;
    const here = deviceConsentPath(ready.grant.id);
    const only = ready.violations.length === 1 ? ready.violations[0] : undefined;
    if (only?.code === 'too-many-sessions') {
      // The one thing in the way is the session limit, which the person can lift here.
      return page(
        'consent-too-many-sessions.njk',
        {
          action: here,
          client: clientCard(ready.client),
          need_to_remove: only.need_to_remove ?? 1,
          sessions: await this.tooManySessions.list(user.id),
          user: { username: user.username, mxid: `@${user.username}:${this.matrix.homeserver}` },
          switch_account: loginPath(here, null, true),
        },
        status,
      );
    }
    return page(
      'device-consent.njk',
      {
        action: here,
        client: clientCard(ready.client),
        scopes: scopeLines(parseScope(ready.grant.scope)),
        violations: ready.violations.map((v) => v.msg),
        user: { username: user.username, mxid: `@${user.username}:${this.matrix.homeserver}` },
        switch_account: loginPath(here, null, true),
      },
      status,
    );
  }
}
