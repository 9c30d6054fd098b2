import assert from 'node:assert/strict';

/** What a person types and clicks on the human pages. */
export interface PersonAnswers {
  username: string;
  password: string;
  /** The consent button pressed (default `allow`). */
  consent?: 'allow' | 'deny';
}

/** Redirects and form posts one authorization may take before the test gives up. */
const MAX_STEPS = 12;

const ENTITIES: Record<string, string> = {
  '&amp;': '&',
  '&quot;': '"',
  '&#39;': "'",
  '&lt;': '<',
  '&gt;': '>',
};

function unescapeHtml(text: string): string {
  return text.replace(/&(?:amp|quot|#39|lt|gt);/g, (entity) => ENTITIES[entity]);
}

/** The single POST form of a page: where it posts and its hidden fields (CSRF included). */
function postForm(html: string, pageUrl: string): { action: string; hidden: [string, string][] } {
  const form = /<form method="post" action="([^"]*)"[^>]*>([\s\S]*?)<\/form>/.exec(html);
  assert.ok(form, `${pageUrl} has a POST form`);
  const hidden = [...form[2].matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)].map(
    (m): [string, string] => [m[1], unescapeHtml(m[2])],
  );
  return { action: new URL(unescapeHtml(form[1]), pageUrl).toString(), hidden };
}

interface Step {
  method: 'GET' | 'POST';
  url: string;
  body?: URLSearchParams;
}

/**
 * A person at a browser, over `fetch` on the app's real socket: keeps the session cookie,
 * follows redirects by hand (never automatically, so nothing is fetched off the app) and
 * submits the sign-in and consent forms as a browser would: the form's hidden fields (the CSRF
 * token among them) plus what the person types or clicks.
 */
export class FormPerson {
  private cookie = '';

  /** `baseUrl` is the app's `public_base`; every other origin counts as the client's. */
  constructor(private readonly baseUrl: string) {}

  get signedIn(): boolean {
    return this.cookie !== '';
  }

  /**
   * Opens an authorization URL and goes through sign-in and consent until the app redirects
   * away from itself; returns that URL (the client's redirect URI with the response), which
   * is never fetched.
   */
  async authorize(authorizationUrl: URL | string, answers: PersonAnswers): Promise<URL> {
    const response = await this.respond(authorizationUrl, answers);
    assert.ok(response instanceof URL, 'a redirect to the client, not a form post');
    return response;
  }

  /**
   * Like `authorize`, but also follows a form post response (OAuth 2.0 Form Post Response
   * Mode §2): the auto-submitting form becomes the `Request` the browser would send to the
   * client, which is never sent.
   */
  async respond(authorizationUrl: URL | string, answers: PersonAnswers): Promise<URL | Request> {
    let step: Step = { method: 'GET', url: authorizationUrl.toString() };
    for (let i = 0; i < MAX_STEPS; i++) {
      if (!step.url.startsWith(this.baseUrl)) {
        assert.equal(step.method, 'POST', `${step.url} is on ${this.baseUrl}`);
        return new Request(step.url, {
          method: step.method,
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: step.body,
        });
      }
      const res = await this.send(step);
      const location = res.headers.get('location');
      if (res.status >= 300 && res.status < 400 && location) {
        const next = new URL(location, step.url);
        if (!next.href.startsWith(this.baseUrl)) return next;
        step = { method: 'GET', url: next.href };
        continue;
      }
      const html = await res.text();
      assert.equal(res.status, 200, `${step.method} ${step.url}: ${html.slice(0, 400)}`);
      step = this.answer(step.url, html, answers);
    }
    throw new Error(`no response to the client after ${MAX_STEPS} steps`);
  }

  /**
   * The form post made on the page at `url`: sign in, answer consent, or (a form posting off
   * the app) submit the authorization response as it stands.
   */
  private answer(url: string, html: string, answers: PersonAnswers): Step {
    const form = postForm(html, url);
    const body = new URLSearchParams(form.hidden);
    const path = new URL(url).pathname.slice(new URL(this.baseUrl).pathname.length - 1);
    if (!form.action.startsWith(this.baseUrl)) {
      // The self-submitting response form; its action is the client's redirect URI.
    } else if (path === '/login') {
      body.set('username', answers.username);
      body.set('password', answers.password);
    } else if (path.startsWith('/consent/')) {
      body.set('action', answers.consent ?? 'allow');
    } else {
      assert.fail(`unexpected page ${url}: ${html.slice(0, 400)}`);
    }
    return { method: 'POST', url: form.action, body };
  }

  private async send(step: Step): Promise<Response> {
    const headers: Record<string, string> = { accept: 'text/html' };
    if (this.cookie) headers.cookie = this.cookie;
    if (step.body) headers['content-type'] = 'application/x-www-form-urlencoded';
    const res = await fetch(step.url, {
      method: step.method,
      headers,
      body: step.body?.toString(),
      redirect: 'manual',
    });
    for (const raw of res.headers.getSetCookie()) {
      const pair = raw.split(';')[0];
      if (pair.startsWith('mas-session=')) {
        this.cookie = pair === 'mas-session=' ? '' : pair;
      }
    }
    return res;
  }
}
