import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { PASSWORD, addCompatUser, passwordLogin } from '../factories/compat.factory';
import { RecordingHomeserver } from '../fakes/recording-homeserver';
import { createTestApp, type TestApp } from '../setup/test-app';

/** Fixed, so a failure replays; printed with every failing case. */
const SEED = 0x6d61_7374;
const CASES_PER_ENDPOINT = 150;

/** mulberry32: a small deterministic generator (the fuzzer must replay, not be secure). */
function generator(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  const pick = <T>(items: readonly T[]): T => items[int(items.length)];
  return { next, int, pick };
}
type Generator = ReturnType<typeof generator>;

/** The names the compatibility endpoints read (Matrix C-S spec §login, §refresh, MSC2918). */
const KEYS = [
  'type',
  'identifier',
  'user',
  'password',
  'token',
  'refresh_token',
  'device_id',
  'initial_device_display_name',
  'medium',
  'address',
  'country',
  'phone',
  'io.element.only_compat_is_fine',
  '__proto__',
  'constructor',
] as const;

const STRINGS = [
  '',
  'alice',
  '@alice:example.test',
  '@alice:elsewhere.test',
  'alice@example.org',
  PASSWORD,
  'm.login.password',
  'm.login.token',
  'm.login.sso',
  'm.id.user',
  'm.id.thirdparty',
  'm.id.phone',
  'email',
  'msisdn',
  'mct_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAA_000000',
  'mcr_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAA_000000',
  'DEVICE0001',
  'with space',
  'ünïcødé ✓',
  '\u0000nul',
  '\ud800',
  '<script>x</script>',
  "'; drop table users; --",
  '../../etc/passwd',
  'x'.repeat(5000),
] as const;

function value(g: Generator, depth: number): unknown {
  switch (g.int(depth > 2 ? 5 : 8)) {
    case 0:
    case 1:
      return g.pick(STRINGS);
    case 2:
      return g.pick([0, -1, 1.5, 1e308, Number.MAX_SAFE_INTEGER + 2]);
    case 3:
      return g.pick([true, false]);
    case 4:
      return null;
    case 5:
      return Array.from({ length: g.int(4) }, () => value(g, depth + 1));
    default:
      return object(g, depth + 1);
  }
}

function object(g: Generator, depth: number): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (let i = g.int(6); i > 0; i--) {
    Object.defineProperty(out, g.pick(KEYS), {
      value: value(g, depth),
      enumerable: true,
      configurable: true,
      writable: true,
    });
  }
  return out;
}

interface Live {
  accessToken: string;
  refreshToken: string;
}

/** Well-formed bodies of each endpoint, which the fuzzer mutates to reach the deeper checks. */
function wellFormed(path: string, live: Live): Record<string, unknown>[] {
  switch (path) {
    case 'login':
      return [
        {
          type: 'm.login.password',
          identifier: { type: 'm.id.user', user: 'alice' },
          password: PASSWORD,
        },
        {
          type: 'm.login.password',
          identifier: { type: 'm.id.thirdparty', medium: 'email', address: 'alice@example.org' },
          password: PASSWORD,
        },
        { type: 'm.login.password', user: '@alice:example.test', password: PASSWORD },
        { type: 'm.login.token', token: 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' },
      ];
    case 'refresh':
      return [{ refresh_token: live.refreshToken }];
    case 'logout/all':
      return [{}, { 'io.element.only_compat_is_fine': true }];
    default:
      return [{}];
  }
}

/** What each endpoint must have answered at least once: the fuzzer reached its checks. */
const REACHED: Record<string, readonly string[]> = {
  login: ['200', '400 M_BAD_JSON', '400 M_NOT_JSON', '403 M_FORBIDDEN'],
  logout: ['200', '401 M_MISSING_TOKEN', '401 M_UNKNOWN_TOKEN'],
  'logout/all': ['200', '401 M_MISSING_TOKEN', '401 M_UNKNOWN_TOKEN'],
  refresh: ['200', '400 M_NOT_JSON', '401 M_UNKNOWN_TOKEN'],
};

/** A well-formed body with up to two keys (at any depth) replaced, removed or added. */
function mutated(g: Generator, seed: Record<string, unknown>): Record<string, unknown> {
  const copy = structuredClone(seed);
  for (let n = g.int(3); n > 0; n--) {
    let target: Record<string, unknown> = copy;
    const nested = Object.values(target).filter(
      (v): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v),
    );
    if (nested.length > 0 && g.int(2) === 0) target = g.pick(nested);
    const keys = Object.keys(target);
    const roll = g.int(3);
    if (roll === 0 && keys.length > 0) delete target[g.pick(keys)];
    else if (roll === 1 && keys.length > 0) target[g.pick(keys)] = value(g, 1);
    else target[g.pick(KEYS)] = value(g, 1);
  }
  return copy;
}

/** One request body: mutated well-formed ones, random JSON, and some not JSON at all. */
function body(
  g: Generator,
  seeds: Record<string, unknown>[],
): { contentType: string; text: string } {
  const roll = g.int(12);
  if (roll < 2) return { contentType: 'application/json', text: JSON.stringify(g.pick(seeds)) };
  if (roll < 6) {
    return { contentType: 'application/json', text: JSON.stringify(mutated(g, g.pick(seeds))) };
  }
  if (roll < 8) return { contentType: 'application/json', text: JSON.stringify(object(g, 0)) };
  if (roll === 8) return { contentType: 'application/json', text: JSON.stringify(value(g, 0)) };
  if (roll === 9) {
    const json = JSON.stringify(object(g, 0));
    return { contentType: 'application/json', text: json.slice(0, g.int(json.length + 1)) };
  }
  if (roll === 10) {
    return {
      contentType: g.pick(['text/plain', 'application/x-www-form-urlencoded', 'application/xml']),
      text: g.pick(['a=b&c=d', '<x/>', '{"type":"m.login.password"}', '']),
    };
  }
  return { contentType: 'application/json', text: g.pick(['{', '[]', 'null', '"x"', '{"a":}']) };
}

function authorization(g: Generator, valid: string): string | undefined {
  return g.pick([
    undefined,
    `Bearer ${valid}`,
    'Bearer mct_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAA_000000',
    'Bearer ',
    'Basic YWxpY2U6cGFzcw==',
    'bearer x y z',
  ]);
}

/**
 * Random and malformed input to every compatibility endpoint (MAS inventory §1.4) gets a
 * Matrix error or a success, never a 5xx, a stack trace or an HTML page.
 */
describe('compatibility layer under fuzzed input', () => {
  let fake: RecordingHomeserver;
  let t: TestApp;
  before(async () => {
    fake = await RecordingHomeserver.start({ serverName: 'example.test' });
    t = await createTestApp(
      `matrix:\n  homeserver: example.test\n  endpoint: "${fake.endpoint}"\n  secret: "fuzz"\n` +
        `account:\n  login_with_email_allowed: true\n`,
    );
    await addCompatUser(t.running.app, 'alice', { emails: ['alice@example.org'] });
  });
  after(async () => {
    await t.close();
    await fake.close();
  });

  async function signIn(): Promise<Live> {
    const login = await t
      .http()
      .post('/_matrix/client/v3/login')
      .send(passwordLogin('alice', { refresh_token: true }));
    assert.equal(login.status, 200, login.text);
    const tokens = login.body as { access_token: string; refresh_token: string };
    return { accessToken: tokens.access_token, refreshToken: tokens.refresh_token };
  }

  function assertMatrixAnswer(
    res: { status: number; text: string; headers: Record<string, string> },
    what: string,
    seen?: Set<string>,
  ) {
    assert.ok(res.status < 500, `${what}: ${res.status} ${res.text.slice(0, 300)}`);
    assert.match(res.headers['content-type'] ?? '', /^application\/json/, what);
    assert.doesNotMatch(res.text, /\bat [\w.<>]+ \(|node_modules|\/src\//, `${what}: internals`);
    if (res.status >= 400) {
      const parsed = JSON.parse(res.text) as { errcode?: unknown; error?: unknown };
      assert.match(String(parsed.errcode), /^M_[A-Z_]+$/, `${what}: ${res.text.slice(0, 300)}`);
      assert.equal(typeof parsed.error, 'string', what);
      seen?.add(`${res.status} ${String(parsed.errcode)}`);
    } else {
      seen?.add(String(res.status));
    }
  }

  for (const path of ['login', 'logout', 'logout/all', 'refresh']) {
    it(`should answer ${CASES_PER_ENDPOINT} fuzzed POST /${path} bodies with Matrix JSON`, async () => {
      const g = generator(SEED ^ path.length);
      const seen = new Set<string>();
      let live = await signIn();
      for (let i = 0; i < CASES_PER_ENDPOINT; i++) {
        const { contentType, text } = body(g, wellFormed(path, live));
        const auth = authorization(g, live.accessToken);
        const version = g.pick(path === 'refresh' ? ['v3', 'r0', 'v1'] : ['v3', 'r0']);
        let req = t
          .http()
          .post(`/_matrix/client/${version}/${path}`)
          .set('Content-Type', contentType);
        if (auth !== undefined) req = req.set('Authorization', auth);
        const res = await req.send(text);
        assertMatrixAnswer(
          res,
          `case ${i} (seed ${SEED}) POST /${path} ${contentType} ${text.slice(0, 200)}`,
          seen,
        );
        // A success spent the live session or token: the next cases get fresh ones.
        if (res.status === 200 && path !== 'login') live = await signIn();
      }
      const missed = REACHED[path].filter((outcome) => !seen.has(outcome));
      assert.deepEqual(missed, [], `answers seen: ${[...seen].sort().join(', ')}`);
    });
  }

  it('should answer fuzzed SSO redirect queries with Matrix JSON or a redirect', async () => {
    const g = generator(SEED);
    for (let i = 0; i < CASES_PER_ENDPOINT; i++) {
      const query = new URLSearchParams();
      for (let n = g.int(4); n > 0; n--) {
        query.append(
          g.pick(['redirectUrl', 'redirect_url', 'org.matrix.msc3824.action', 'x']),
          g.pick([
            ...STRINGS,
            'https://client.example/cb',
            'javascript:alert(1)',
            'http://[::1',
            'element://callback',
            'login',
            'register',
          ]),
        );
      }
      const idp = g.pick(['', '/oidc-x', '/%00', '/..%2F..', `/${'y'.repeat(300)}`]);
      const res = await t
        .http()
        .get(`/_matrix/client/v3/login/sso/redirect${idp}?${query.toString()}`);
      const what = `case ${i} (seed ${SEED}) GET sso/redirect${idp}?${query.toString().slice(0, 200)}`;
      if (res.status === 302 || res.status === 303) {
        assert.match(res.headers.location ?? '', /\/complete-compat-sso\/[0-7][0-9A-Z]{25}$/, what);
        continue;
      }
      assertMatrixAnswer(res, what);
    }
  });
});
