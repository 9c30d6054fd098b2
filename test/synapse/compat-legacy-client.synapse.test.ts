import { after, before, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Logger } from 'matrix-js-sdk/lib/logger';
import { DataSource } from 'typeorm';
import { CompatSessionEntity } from '../../src/storage/compat/compat-session.entity';
import { UserAccounts } from '../../src/users/user-accounts.service';
import { fetchFrom } from '../setup/loopback-client';
import { fillLoginForm, submitForm, waitForUrlPrefix } from '../setup/browser-pages';
import {
  startMasWithSynapse,
  SYNAPSE_SERVER_NAME,
  type MasWithSynapse,
} from '../setup/mas-with-synapse';
import { startRedirectTarget, type RedirectTarget } from '../setup/redirect-target';
import {
  PROXY_CLIENT_ADDRESS,
  REVERSE_PROXY_KINDS,
  TRUST_PROXY_CONFIG,
  describeWithReverseProxy,
  startReverseProxy,
  type ReverseProxy,
} from '../setup/reverse-proxy';
import { describeWithSynapse } from '../setup/synapse';
import { describeWithChromium, launchTestBrowser, type TestBrowser } from '../setup/test-browser';
import { waitFor } from '../setup/wait-for';

type MatrixSdk = typeof import('matrix-js-sdk');
type MatrixClient = ReturnType<MatrixSdk['createClient']>;
type MatrixFailure = Error & { errcode?: string; httpStatus?: number };

const PASSWORD = 'correct horse battery';

/** matrix-js-sdk's request log stays out of the test output; its warnings and errors do not. */
const QUIET_LOGGER: Logger = {
  trace: () => {},
  debug: () => {},
  info: () => {},
  warn: (...msg: unknown[]) => console.warn(...msg),
  error: (...msg: unknown[]) => console.error(...msg),
  getChild: () => QUIET_LOGGER,
};
const USER_ID = `@alice:${SYNAPSE_SERVER_NAME}`;

/** What a call failed with, or a failed assertion when it did not fail. */
async function failure(call: Promise<unknown>, what: string): Promise<MatrixFailure> {
  return call.then(
    () => assert.fail(`${what} should have failed`),
    (error: unknown) => error as MatrixFailure,
  );
}

/**
 * A legacy Matrix client (matrix-js-sdk 37.5 with its pre-OIDC login calls) in front of a real
 * Synapse that delegates to mas-ts, the compatibility paths routed by a real nginx or Caddy as
 * docs/reverse-proxy.md says (CONTRACTS §7, MAS inventory §1.4). Everything the client sends
 * goes to the proxy; Synapse introspects the compatibility tokens at mas-ts.
 */
describeWithSynapse('a legacy Matrix client through the reverse proxy and a real Synapse', () => {
  let peers: MasWithSynapse;
  let sdk: MatrixSdk;

  before(async () => {
    peers = await startMasWithSynapse({ masConfig: TRUST_PROXY_CONFIG });
    await peers.mas.running.app
      .get(UserAccounts)
      .register({ username: 'alice', password: PASSWORD });
    sdk = await import('matrix-js-sdk');
  });
  after(async () => {
    await peers?.close();
  });

  function compatSessionOf(deviceId: string) {
    return peers.mas.running.app
      .get(DataSource)
      .getRepository(CompatSessionEntity)
      .findOneByOrFail({ deviceId });
  }

  for (const kind of REVERSE_PROXY_KINDS) {
    describeWithReverseProxy(kind, `through ${kind}`, () => {
      let proxy: ReverseProxy;
      before(async () => {
        proxy = await startReverseProxy({
          kind,
          masBaseUrl: peers.mas.baseUrl,
          synapseBaseUrl: peers.synapse.baseUrl,
        });
      });
      after(async () => {
        await proxy?.stop();
      });

      /** A client of the homeserver URL the proxy serves, from the trusted proxy's address. */
      function client(credentials: { accessToken?: string; deviceId?: string } = {}) {
        return sdk.createClient({
          baseUrl: proxy.baseUrl,
          userId: USER_ID,
          logger: QUIET_LOGGER,
          ...credentials,
          fetchFn: fetchFrom(PROXY_CLIENT_ADDRESS),
        });
      }

      function diagnostics(): string {
        return `--- ${kind} ---\n${proxy.log()}\n${peers.synapseLog()}`;
      }

      async function passwordLogin(mx: MatrixClient = client()) {
        const login = await mx
          .loginWithPassword('alice', PASSWORD)
          .catch((e: unknown) => assert.fail(`${String(e)}\n${diagnostics()}`));
        return {
          login,
          mx: client({ accessToken: login.access_token, deviceId: login.device_id }),
        };
      }

      it('should offer password, token and SSO login on GET /login', async () => {
        const flows = await client().loginFlows();
        const types = flows.flows.map((f) => f.type);
        for (const type of ['m.login.password', 'm.login.token', 'm.login.sso']) {
          assert.ok(types.includes(type), `${type} in ${types.join(', ')}`);
        }
      });

      it('should log in with loginWithPassword, and the token works on Synapse', async () => {
        const { login, mx } = await passwordLogin();
        assert.equal(login.user_id, USER_ID);
        assert.match(login.device_id, /^[A-Za-z0-9]{10}$/);
        assert.equal((await mx.whoami()).device_id, login.device_id, diagnostics());
        const sync = await mx.http.authedRequest<{ next_batch: string }>(sdk.Method.Get, '/sync', {
          timeout: '0',
        });
        assert.equal(typeof sync.next_batch, 'string');
        const room = await mx.createRoom({ name: 'Legacy', visibility: sdk.Visibility.Private });
        assert.match(room.room_id, /^!/);
        const devices = await mx.getDevices();
        assert.ok(devices.devices.some((d) => d.device_id === login.device_id));
        // The proxy's X-Forwarded-For is trusted (http.trusted_proxies), so the session
        // records the client's own address, not the proxy's.
        assert.equal((await compatSessionOf(login.device_id)).lastActiveIp, PROXY_CLIENT_ADDRESS);
      });

      it('should refuse a wrong password with M_FORBIDDEN, and an unknown user alike', async () => {
        for (const [user, password] of [
          ['alice', 'wrong password'],
          ['nobody', PASSWORD],
        ]) {
          const refused = await failure(client().loginWithPassword(user, password), user);
          assert.equal(refused.errcode, 'M_FORBIDDEN', refused.message);
          assert.equal(refused.httpStatus, 403);
        }
      });

      it('should issue refresh tokens on request, rotate them, and refuse a spent one', async () => {
        const login = await client().loginRequest({
          type: 'm.login.password',
          identifier: { type: 'm.id.user', user: 'alice' },
          password: PASSWORD,
          refresh_token: true,
        });
        assert.ok(login.refresh_token, 'a refresh token');
        assert.ok((login.expires_in_ms ?? 0) > 0, 'an expiring access token');
        const mx = client({ accessToken: login.access_token, deviceId: login.device_id });
        assert.equal((await mx.whoami()).device_id, login.device_id);

        const refreshed = await mx.refreshToken(login.refresh_token);
        assert.notEqual(refreshed.access_token, login.access_token);
        assert.ok(refreshed.refresh_token);
        const after = client({ accessToken: refreshed.access_token, deviceId: login.device_id });
        assert.equal((await after.whoami()).device_id, login.device_id, 'the same device');

        const spent = await failure(mx.refreshToken(login.refresh_token), 'a spent refresh');
        assert.equal(spent.errcode, 'M_UNKNOWN_TOKEN', spent.message);
        assert.equal((await after.whoami()).device_id, login.device_id, 'still signed in');
      });

      it('should log out through the proxy, and Synapse then refuses the token and drops the device', async () => {
        const { login, mx } = await passwordLogin();
        const { mx: other } = await passwordLogin();
        assert.equal((await mx.whoami()).device_id, login.device_id);
        assert.deepEqual(await mx.logout(), {});
        const refusal = await waitFor('Synapse to refuse the logged-out token', () =>
          mx.whoami().then(
            () => undefined,
            (error: unknown) => error as MatrixFailure,
          ),
        );
        assert.equal(refusal.errcode, 'M_UNKNOWN_TOKEN', refusal.message);
        await waitFor('Synapse to delete the device', async () => {
          const { devices } = await other.getDevices();
          return !devices.some((d) => d.device_id === login.device_id);
        });
        assert.notEqual((await compatSessionOf(login.device_id)).finishedAt, null);
      });

      it('should answer an unknown token with M_UNKNOWN_TOKEN on Synapse and at /logout', async () => {
        const mx = client({ accessToken: 'mct_notatokenanyoneissued', deviceId: 'NOSUCHDEVICE' });
        const onSynapse = await failure(mx.whoami(), 'whoami with an unknown token');
        assert.equal(onSynapse.errcode, 'M_UNKNOWN_TOKEN');
        const atLogout = await failure(mx.logout(), 'logout with an unknown token');
        assert.equal(atLogout.errcode, 'M_UNKNOWN_TOKEN');
      });
    });
  }

  describeWithReverseProxy('nginx', 'SSO login in a real browser through nginx', () => {
    describeWithChromium('headless chromium', () => {
      let proxy: ReverseProxy;
      let browser: TestBrowser;
      let target: RedirectTarget;
      before(async () => {
        proxy = await startReverseProxy({
          kind: 'nginx',
          masBaseUrl: peers.mas.baseUrl,
          synapseBaseUrl: peers.synapse.baseUrl,
        });
        browser = await launchTestBrowser();
        target = await startRedirectTarget();
      });
      after(async () => {
        await browser?.close();
        await target?.close();
        await proxy?.stop();
      });

      it('should complete m.login.sso in the browser and exchange the loginToken for a working session', async () => {
        const anonymous = sdk.createClient({ baseUrl: proxy.baseUrl, logger: QUIET_LOGGER });
        const page = await browser.newPage();
        await page.goto(anonymous.getSsoLoginUrl(target.url('/sso-done'), 'sso'));
        await waitForUrlPrefix(page, peers.mas.url('/login'));
        await fillLoginForm(page, 'alice', PASSWORD);
        const confirmation = await submitForm(page);
        assert.equal(confirmation.status(), 200);
        assert.match(page.url(), /\/complete-compat-sso\/[0-7][0-9A-Z]{25}$/);
        assert.match(await page.locator('main').innerText(), /127\.0\.0\.1/);

        await page.getByRole('button', { name: 'Continue' }).click();
        const back = await target.first();
        assert.equal(back.pathname, '/sso-done');
        const loginToken = back.searchParams.get('loginToken') ?? '';
        assert.ok(loginToken.length > 0, back.toString());

        const login = await anonymous
          .loginWithToken(loginToken)
          .catch((e: unknown) => assert.fail(`${String(e)}\n${proxy.log()}`));
        assert.equal(login.user_id, USER_ID);
        const mx = sdk.createClient({
          baseUrl: proxy.baseUrl,
          accessToken: login.access_token,
          userId: USER_ID,
          deviceId: login.device_id,
          logger: QUIET_LOGGER,
        });
        assert.equal((await mx.whoami()).device_id, login.device_id, peers.synapseLog());

        const again = await failure(anonymous.loginWithToken(loginToken), 'a second exchange');
        assert.equal(again.errcode, 'M_FORBIDDEN', again.message);
      });
    });
  });
});
