import { Injectable } from '@nestjs/common';
import { HomeserverError } from '../../homeserver/homeserver-errors';
import { AccountSessions, MAX_SESSION_NAME_LENGTH, type AccountSession } from '../../sessions';
import { page, redirect, type WebContext, type WebResult } from '../../web-session';
import { signInFirst } from '../account-actions';
import type { SessionQuery, SessionRenameForm } from '../account-forms';
import { shownTime } from '../account-time';
import { userAgentSummary } from './user-agent-summary';

/**
 * How many sessions of each kind the list shows; a person with more sees the most recently
 * active ones and how many exist in all (MAS pages its list by 20s).
 */
export const SESSION_LIST_LIMIT = 100;

const SESSIONS_PATH = '/account/sessions';

type SignedIn = { user: NonNullable<WebContext['user']>; sessionId: string };

/**
 * The session pages (MAS SPA `/sessions`, `/sessions/$id`, `/devices/$`): every OAuth 2.0,
 * compat and browser session of the signed-in user, renaming one, ending one or all others.
 */
@Injectable()
export class SessionPages {
  constructor(private readonly sessions: AccountSessions) {}

  async list(web: WebContext): Promise<WebResult> {
    const me = signedIn(web);
    if (!me) return redirect(signInFirst(SESSIONS_PATH));
    const overview = await this.sessions.overview(me.user.id, SESSION_LIST_LIMIT);
    const rows = overview.sessions.map((s) => this.view(s, me.sessionId));
    const apps = rows.filter((s) => s.kind !== 'browser');
    const browsers = rows.filter((s) => s.kind === 'browser');
    const { oauth2, compat, browser } = overview.total;
    return page('account-sessions.njk', {
      apps,
      browsers,
      total_apps: oauth2 + compat,
      total_browsers: browser,
      capped:
        oauth2 > SESSION_LIST_LIMIT || compat > SESSION_LIST_LIMIT || browser > SESSION_LIST_LIMIT,
      limit: SESSION_LIST_LIMIT,
      others: oauth2 + compat + browser - 1,
    });
  }

  async detail(web: WebContext, id: string, query: SessionQuery): Promise<WebResult> {
    const me = signedIn(web);
    if (!me) return redirect(signInFirst(`${SESSIONS_PATH}/${encodeURIComponent(id)}`));
    const session = await this.sessions.find(me.user.id, id);
    if (!session) return unknownSession(null);
    return this.detailPage(session, me, {
      confirmEnd: query.end === '1',
      saved: query.renamed === '1',
    });
  }

  /** `GET /account/devices/{device_id}`: the session holding the device, by its Matrix id. */
  async byDevice(web: WebContext, deviceId: string, query: SessionQuery): Promise<WebResult> {
    const suffix = query.end === '1' ? '?end=1' : '';
    const me = signedIn(web);
    if (!me)
      return redirect(signInFirst(`/account/devices/${encodeURIComponent(deviceId)}${suffix}`));
    const session = await this.sessions.findByDevice(me.user.id, deviceId);
    if (!session) return unknownSession(deviceId);
    return redirect(`${SESSIONS_PATH}/${session.id}${suffix}`);
  }

  async rename(web: WebContext, id: string, form: SessionRenameForm): Promise<WebResult> {
    const me = signedIn(web);
    if (!me) return redirect(signInFirst(`${SESSIONS_PATH}/${encodeURIComponent(id)}`));
    const session = await this.sessions.find(me.user.id, id);
    if (!session) return unknownSession(null);
    const again = (error: string, status: number) =>
      this.detailPage(session, me, { name: form.name, error, status });
    if (session.kind === 'browser' || session.finishedAt) return again('not_renamable', 409);
    if (form.name === '') return again('empty', 400);
    if (form.name.length > MAX_SESSION_NAME_LENGTH) return again('too_long', 400);
    try {
      if (!(await this.sessions.rename(me.user, session, form.name))) {
        return again('not_renamable', 409);
      }
    } catch (error) {
      if (!(error instanceof HomeserverError)) throw error;
      const renamed = (await this.sessions.find(me.user.id, id)) ?? session;
      return this.detailPage(renamed, me, { error: 'homeserver', status: 502 });
    }
    return redirect(`${SESSIONS_PATH}/${session.id}?renamed=1`);
  }

  /** Ends one session; ending the current browser session signs this browser out. */
  async end(web: WebContext, id: string): Promise<WebResult> {
    const me = signedIn(web);
    if (!me) return redirect(signInFirst(`${SESSIONS_PATH}/${encodeURIComponent(id)}`));
    const session = await this.sessions.find(me.user.id, id);
    if (!session) return unknownSession(null);
    await this.sessions.end(session);
    if (session.kind === 'browser' && session.id === me.sessionId) {
      web.signOut();
      return redirect('/login');
    }
    return page('account-session-ended.njk', { session: this.view(session, me.sessionId) });
  }

  /** "Sign out everywhere else": every session but this browser's. */
  async endOthers(web: WebContext): Promise<WebResult> {
    const me = signedIn(web);
    if (!me) return redirect(signInFirst(SESSIONS_PATH));
    const ended = await this.sessions.endAllOthers(me.user.id, me.sessionId);
    return page('account-sessions-ended.njk', {
      ended: { apps: ended.oauth2 + ended.compat, browsers: ended.browser },
    });
  }

  private detailPage(
    session: AccountSession,
    me: SignedIn,
    opts: { confirmEnd?: boolean; saved?: boolean; name?: string; error?: string; status?: number },
  ): WebResult {
    const view = this.view(session, me.sessionId);
    return page(
      'account-session.njk',
      {
        session: view,
        confirm_end: opts.confirmEnd === true,
        saved: opts.saved === true,
        form: { name: opts.name ?? session.humanName ?? '', error: opts.error ?? null },
        max_name_length: MAX_SESSION_NAME_LENGTH,
      },
      opts.status ?? 200,
    );
  }

  private view(s: AccountSession, currentSessionId: string) {
    return {
      id: s.id,
      kind: s.kind,
      name: s.humanName,
      client_name: s.clientName,
      client_id: s.clientId,
      device_id: s.deviceId,
      created: shownTime(s.createdAt),
      last_active: shownTime(s.lastActiveAt),
      finished: shownTime(s.finishedAt),
      ip: s.lastActiveIp,
      user_agent: s.userAgent,
      user_agent_summary: userAgentSummary(s.userAgent),
      current: s.kind === 'browser' && s.id === currentSessionId,
      renamable: s.kind !== 'browser' && s.finishedAt === null,
      active: s.finishedAt === null,
    };
  }
}

function signedIn(web: WebContext): SignedIn | null {
  const session = web.session;
  return session ? { user: session.user, sessionId: session.id } : null;
}

function unknownSession(deviceId: string | null): WebResult {
  return page('account-session-unknown.njk', { device_id: deviceId }, 404);
}
