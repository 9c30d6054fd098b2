import assert from 'node:assert/strict';
import type { Response } from 'supertest';
import type { TestApp } from '../setup/test-app';
import { csrfOf, sessionCookie } from './browser';

/**
 * A cookie-keeping browser over supertest for the human pages: follows nothing by itself, so
 * tests see every redirect, and remembers the session cookie the pages set.
 */
export class FormBrowser {
  cookie = '';

  constructor(private readonly t: TestApp) {}

  private keep(res: Response): Response {
    const raw = res.headers['set-cookie'] as unknown as string[] | undefined;
    if (raw?.some((c) => c.startsWith('mas-session=;'))) this.cookie = '';
    const next = sessionCookie(res);
    if (next && !next.endsWith('=')) this.cookie = next;
    return res;
  }

  async get(path: string): Promise<Response> {
    const req = this.t.http().get(path);
    if (this.cookie) req.set('Cookie', this.cookie);
    return this.keep(await req);
  }

  /** POSTs a form; `csrfFrom` is the page whose CSRF token to send (none when omitted). */
  async post(path: string, fields: Record<string, string>, csrfFrom?: Response): Promise<Response> {
    const req = this.t.http().post(path).type('form');
    if (this.cookie) req.set('Cookie', this.cookie);
    const body = csrfFrom ? { csrf: csrfOf(csrfFrom.text), ...fields } : fields;
    return this.keep(await req.send(body));
  }

  /** Opens `loginUrl` (a /login path with its query) and signs in; returns the redirect. */
  async signIn(username: string, password: string, loginUrl = '/login'): Promise<Response> {
    const form = await this.get(loginUrl);
    assert.equal(form.status, 200, `login form at ${loginUrl}`);
    const res = await this.post(loginUrl, { username, password }, form);
    assert.equal(res.status, 303, 'signing in redirects');
    return res;
  }
}

/** The path (with query) of a redirect to this service, from its absolute Location. */
export function localPath(res: Response, base: string): string {
  const location = res.headers.location as string | undefined;
  assert.ok(location, `response ${res.status} has a Location`);
  assert.ok(location.startsWith(base), `${location} stays on ${base}`);
  return `/${location.slice(base.length)}`;
}
