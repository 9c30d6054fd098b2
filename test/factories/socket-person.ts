import assert from 'node:assert/strict';

/** One answer of the service as a browser sees it, without following redirects. */
export interface SocketPage {
  url: string;
  status: number;
  location: string | null;
  text: string;
}

/** A form of a page: where it posts and the hidden fields it carries (CSRF, `next`). */
export interface PageForm {
  action: string;
  hidden: Record<string, string>;
}

const MAX_HOPS = 12;

function unescapeHtml(value: string): string {
  return value
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

function attribute(tag: string, name: string): string | undefined {
  const m = new RegExp(`\\s${name}="([^"]*)"`).exec(tag);
  return m ? unescapeHtml(m[1]) : undefined;
}

/** The first POST form of `page` whose markup matches `marker`, or undefined. */
export function findForm(page: SocketPage, marker: RegExp): PageForm | undefined {
  for (const [form] of page.text.matchAll(/<form\b[^>]*>[\s\S]*?<\/form>/g)) {
    const open = /<form\b[^>]*>/.exec(form)?.[0] ?? '';
    if (attribute(open, 'method')?.toLowerCase() !== 'post' || !marker.test(form)) continue;
    const hidden: Record<string, string> = {};
    for (const [input] of form.matchAll(/<input\b[^>]*>/g)) {
      const name = attribute(input, 'name');
      if (attribute(input, 'type') === 'hidden' && name !== undefined) {
        hidden[name] = attribute(input, 'value') ?? '';
      }
    }
    return { action: new URL(attribute(open, 'action') ?? page.url, page.url).href, hidden };
  }
  return undefined;
}

/**
 * A person with a browser that has no JavaScript, talking to the service over a real socket
 * with `fetch`: it keeps the `mas-session` cookie, follows redirects by hand (so the client's
 * redirect URI, which may be a private-use scheme or an unreachable host, is never fetched),
 * and submits the forms it is shown.
 */
export class SocketPerson {
  private cookie = '';

  constructor(
    private readonly username: string,
    private readonly password: string,
  ) {}

  private async send(url: string, init: RequestInit): Promise<SocketPage> {
    const headers = new Headers(init.headers);
    headers.set('Accept', 'text/html');
    if (this.cookie) headers.set('Cookie', this.cookie);
    const res = await fetch(url, { ...init, headers, redirect: 'manual' });
    for (const set of res.headers.getSetCookie()) {
      const pair = set.split(';')[0];
      if (pair.startsWith('mas-session=')) this.cookie = pair === 'mas-session=' ? '' : pair;
    }
    const location = res.headers.get('location');
    return {
      url,
      status: res.status,
      location: location === null ? null : new URL(location, url).href,
      text: await res.text(),
    };
  }

  get(url: string): Promise<SocketPage> {
    return this.send(url, { method: 'GET' });
  }

  post(url: string, fields: Record<string, string>): Promise<SocketPage> {
    return this.send(url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(fields).toString(),
    });
  }

  /**
   * Opens `authorizationUrl` and goes on like a person until the service sends the browser to
   * a URL starting with `redirectUri`: follows redirects, signs in on the login form and
   * allows on the consent form. Returns that final URL. Fails on any other page, and after a
   * bounded number of steps.
   */
  async authorize(authorizationUrl: string, redirectUri: string): Promise<URL> {
    return this.walk(await this.get(authorizationUrl), `a redirect to ${redirectUri}`, (page) =>
      page.location?.startsWith(redirectUri) ? new URL(page.location) : undefined,
    );
  }

  /**
   * Enters `userCode` on the device link page at `linkUrl` (RFC 8628 §3.3), signs in when
   * asked, and allows the device on its consent page. Returns the page after that (the
   * "device connected" page). Fails on any other page, and after a bounded number of steps.
   */
  async approveDevice(linkUrl: string, userCode: string): Promise<SocketPage> {
    const link = await this.get(linkUrl);
    const form = findForm(link, /name="code"/);
    assert.ok(form, `a code form at ${linkUrl}`);
    const first = await this.post(form.action, { ...form.hidden, code: userCode });
    let allowed = false;
    return this.walk(
      first,
      'the page after the device consent',
      (page) => (allowed && page.status === 200 ? page : undefined),
      () => (allowed = true),
    );
  }

  /**
   * Follows redirects, signs in on a login form and allows on a consent form, until `settle`
   * returns something for a page; `onAllow` runs when it allows.
   */
  private async walk<T>(
    start: SocketPage,
    what: string,
    settle: (page: SocketPage) => T | undefined,
    onAllow: () => void = () => {},
  ): Promise<T> {
    let page = start;
    const seen: string[] = [];
    for (let hop = 0; hop < MAX_HOPS; hop++) {
      seen.push(`${page.status} ${page.url}`);
      const settled = settle(page);
      if (settled !== undefined) return settled;
      if (page.status >= 300 && page.status < 400) {
        assert.ok(page.location, `redirect ${page.status} from ${page.url} has a Location`);
        page = await this.get(page.location);
        continue;
      }
      assert.equal(page.status, 200, `unexpected page ${page.status} at ${page.url}`);
      const login = findForm(page, /type="password"/);
      if (login) {
        page = await this.post(login.action, {
          ...login.hidden,
          username: this.username,
          password: this.password,
        });
        continue;
      }
      const consent = findForm(page, /name="action" value="allow"/);
      assert.ok(consent, `a login or consent form at ${page.url}`);
      onAllow();
      page = await this.post(consent.action, { ...consent.hidden, action: 'allow' });
    }
    assert.fail(`no ${what} after ${MAX_HOPS} steps: ${seen.join(' → ')}`);
  }
}
