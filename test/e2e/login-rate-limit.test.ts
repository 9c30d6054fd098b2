import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ulidToUuid } from '../../src/storage/ulid-column';
import { UserAccounts } from '../../src/users/user-accounts.service';
import { SessionCookieCodec } from '../../src/web-session';
import { csrfOf, sessionCookie } from '../factories/browser';
import { createTestApp, type TestApp } from '../setup/test-app';

/** MAS's per-address default and a small per-account burst, so both limits are reachable. */
const STRICT_LIMITS = `
rate_limiting:
  login:
    per_ip:
      burst: 3
      per_second: 0.05
    per_account:
      burst: 4
      per_second: 0.001
`;

let addresses = 0;
/** A client address not used before in this file (TEST-NET-3, RFC 5737). */
const freshIp = () => `203.0.113.${++addresses}`;

interface Attempt {
  username: string;
  password: string;
  /** Sent as X-Forwarded-For; the test connection is loopback, a trusted proxy by default. */
  ip: string;
  language?: string;
  withoutCsrf?: boolean;
}

/** Opens the form as a browser would, then posts it from `ip`. */
async function attempt(t: TestApp, a: Attempt) {
  const form = await t
    .http()
    .get('/login')
    .set('Accept-Language', a.language ?? 'en')
    .expect(200);
  const fields = { username: a.username, password: a.password };
  return t
    .http()
    .post('/login')
    .set('X-Forwarded-For', a.ip)
    .set('Accept-Language', a.language ?? 'en')
    .set('Cookie', sessionCookie(form) ?? '')
    .type('form')
    .send(a.withoutCsrf ? fields : { ...fields, csrf: csrfOf(form.text) });
}

async function statuses(t: TestApp, attempts: Attempt[]): Promise<number[]> {
  const out: number[] = [];
  for (const a of attempts) out.push((await attempt(t, a)).status);
  return out;
}

describe('login: rate limiting of password checks (rate_limiting.login)', () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp(STRICT_LIMITS);
    const accounts = t.running.app.get(UserAccounts);
    for (const username of ['alice', 'bob', 'carol', 'dave', 'erin', 'frank']) {
      await accounts.register({ username, password: `pw of ${username}` });
    }
  });
  after(async () => {
    await t.close();
  });

  it('should refuse the attempt after the burst from one address with 429 and Retry-After', async () => {
    const ip = freshIp();
    const wrong = (username: string) => ({ username, password: 'wrong', ip });
    assert.deepEqual(
      await statuses(t, [wrong('alice'), wrong('bob'), wrong('ghost1')]),
      [400, 400, 400],
    );
    const limited = await attempt(t, wrong('alice'));
    assert.equal(limited.status, 429);
    const retryAfter = Number(limited.headers['retry-after']);
    assert.ok(Number.isInteger(retryAfter) && retryAfter >= 1 && retryAfter <= 60, `${retryAfter}`);
    assert.match(limited.headers['content-type'], /^text\/html; charset=utf-8/);
    assert.equal(limited.headers['cache-control'], 'no-store');
    assert.match(limited.text, /role="alert"/);
    assert.ok(limited.text.includes(`Too many attempts. Try again in ${retryAfter} seconds.`));
    assert.match(limited.text, /name="username" value="alice"/);
    assert.doesNotMatch(limited.text, /The username or password is not correct/);
  });

  it('should still let another address through (X-Forwarded-For from a trusted proxy)', async () => {
    const blocked = freshIp();
    const wrong = { username: 'ghost5', password: 'wrong', ip: blocked };
    assert.deepEqual(await statuses(t, [wrong, wrong, wrong, wrong]), [400, 400, 400, 429]);
    assert.equal((await attempt(t, { ...wrong, ip: freshIp() })).status, 400);
    assert.equal((await attempt(t, wrong)).status, 429);
  });

  it('should refuse one account after its burst even when every attempt comes from a new address', async () => {
    const tries = Array.from({ length: 5 }, () => ({
      username: 'carol',
      password: 'wrong',
      ip: freshIp(),
    }));
    assert.deepEqual(await statuses(t, tries), [400, 400, 400, 400, 429]);
    assert.equal(
      (await attempt(t, { username: 'dave', password: 'wrong', ip: freshIp() })).status,
      400,
    );
  });

  it('should not spend an account’s allowance on attempts its address limit refused', async () => {
    const ip = freshIp();
    const noise = { username: 'ghost2', password: 'wrong', ip };
    assert.deepEqual(await statuses(t, [noise, noise, noise]), [400, 400, 400]);
    const refused = Array.from({ length: 6 }, () => ({ username: 'erin', password: 'wrong', ip }));
    assert.deepEqual(await statuses(t, refused), [429, 429, 429, 429, 429, 429]);
    const signIn = await attempt(t, { username: 'erin', password: 'pw of erin', ip: freshIp() });
    assert.equal(signIn.status, 303);
  });

  it('should answer an unknown username exactly like a known one, spellings included', async () => {
    const run = async (name: string) => {
      const spellings = [name, name.toUpperCase(), `@${name}:example.test`, name, name];
      const pages = [];
      for (const username of spellings) {
        pages.push(await attempt(t, { username, password: 'wrong', ip: freshIp() }));
      }
      return pages;
    };
    const known = await run('frank');
    const unknown = await run('nobody');
    const shape = (res: Awaited<ReturnType<typeof attempt>>, name: string) => ({
      status: res.status,
      retryAfter: res.headers['retry-after'] === undefined ? 'none' : 'set',
      html: res.text
        .replaceAll(name, '?')
        .replaceAll(name.toUpperCase(), '?')
        .replace(/name="csrf" value="[^"]+"/, '')
        .replace(/Try again in \d+ seconds?/, 'Try again in N seconds'),
    });
    assert.deepEqual(
      known.map((r) => r.status),
      [400, 400, 400, 400, 429],
    );
    assert.deepEqual(
      unknown.map((r) => shape(r, 'nobody')),
      known.map((r) => shape(r, 'frank')),
    );
  });

  it('should refuse a correct password while limited, without signing in', async () => {
    const ip = freshIp();
    const wrong = { username: 'dave', password: 'wrong', ip };
    assert.deepEqual(await statuses(t, [wrong, wrong, wrong]), [400, 400, 400]);
    const right = await attempt(t, { username: 'dave', password: 'pw of dave', ip });
    assert.equal(right.status, 429);
    assert.ok(right.headers['retry-after']);
    const cookie = sessionCookie(right) ?? '';
    assert.equal(t.running.app.get(SessionCookieCodec).read(cookie).sessionId, null);
    const index = await t.http().get('/').set('Cookie', cookie).expect(200);
    assert.match(index.text, /You are not signed in/);
    const dave = await t.running.app.get(UserAccounts).findByUsername('dave');
    const sessions: unknown[] = await t.db.dataSource.query(
      'SELECT 1 FROM user_sessions WHERE user_id = $1',
      [ulidToUuid(dave?.id ?? '')],
    );
    assert.equal(sessions.length, 0);
  });

  it('should check CSRF before the limit: a limited address without a token gets 403', async () => {
    const ip = freshIp();
    const wrong = { username: 'ghost3', password: 'wrong', ip };
    assert.deepEqual(await statuses(t, [wrong, wrong, wrong, wrong]), [400, 400, 400, 429]);
    const forged = await attempt(t, { ...wrong, withoutCsrf: true });
    assert.equal(forged.status, 403);
    assert.match(forged.text, /This form has expired/);
  });

  it('should say it in the browser’s language', async () => {
    const ip = freshIp();
    const wrong = { username: 'ghost4', password: 'wrong', ip, language: 'fr' };
    await statuses(t, [wrong, wrong, wrong]);
    const limited = await attempt(t, wrong);
    assert.equal(limited.status, 429);
    const seconds = Number(limited.headers['retry-after']);
    assert.match(limited.text, /<html lang="fr">/);
    assert.ok(
      limited.text.includes(
        `Trop de tentatives. Réessayez dans ${seconds} seconde${seconds > 1 ? 's' : ''}.`,
      ),
    );
  });
});
