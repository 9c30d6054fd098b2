import { after, before, it } from 'node:test';
import assert from 'node:assert/strict';
import { DataSource } from 'typeorm';
import { UserAccounts } from '../../src/users/user-accounts.service';
import { MatrixOAuthClient, type MatrixTokens } from '../factories/matrix-oauth-client';
import { findForm, SocketPerson, type SocketPage } from '../factories/socket-person';
import { queueIdle } from '../setup/job-rows';
import { matrixGet, whoami } from '../setup/matrix-call';
import {
  startMasWithSynapse,
  SYNAPSE_SERVER_NAME,
  type MasWithSynapse,
} from '../setup/mas-with-synapse';
import { describeWithSynapse } from '../setup/synapse';
import { waitFor } from '../setup/wait-for';

const PASSWORD = 'correct horse battery';

/**
 * The account pages against a real Synapse delegating to mas-ts: what a person does on
 * /account reaches Synapse (device names, device removal, profile, deactivation), through the
 * `/_synapse/mas/*` calls of CONTRACTS §3.
 */
describeWithSynapse('the account pages on a real Synapse', () => {
  let env: MasWithSynapse;
  let client: MatrixOAuthClient;

  before(async () => {
    env = await startMasWithSynapse();
    client = await MatrixOAuthClient.register(env.synapse.baseUrl, env.mas.baseUrl);
  });
  after(async () => {
    await env?.close();
  });

  async function signedIn(
    username: string,
  ): Promise<{ person: SocketPerson; tokens: MatrixTokens }> {
    await env.mas.running.app.get(UserAccounts).register({ username, password: PASSWORD });
    const person = new SocketPerson(username, PASSWORD);
    return { person, tokens: await client.signIn(person) };
  }

  /** Opens `path` and submits its POST form matching `marker` with `fields`. */
  async function submit(
    person: SocketPerson,
    page: SocketPage,
    marker: RegExp,
    fields: Record<string, string> = {},
  ): Promise<SocketPage> {
    const form = findForm(page, marker);
    assert.ok(form, `a form matching ${marker} on ${page.url}`);
    return person.post(form.action, { ...form.hidden, ...fields });
  }

  /** The session page of the Matrix device, through the device link. */
  async function sessionPage(person: SocketPerson, deviceId: string): Promise<SocketPage> {
    const link = await person.get(env.mas.url(`/account/devices/${deviceId}`));
    assert.equal(link.status, 303, link.text);
    assert.ok(link.location);
    const page = await person.get(link.location);
    assert.equal(page.status, 200);
    return page;
  }

  const devicesOf = async (token: string) =>
    ((await matrixGet(env.synapse.baseUrl, '/_matrix/client/v3/devices', token)).body?.devices ??
      []) as { device_id: string; display_name: string | null }[];

  const syncsSettled = () =>
    waitFor('the device sync jobs', () =>
      queueIdle(env.mas.running.app.get(DataSource), 'sync-devices'),
    );

  it('should rename the device on Synapse when the session is renamed', async () => {
    const { person, tokens } = await signedIn('rita');
    const page = await sessionPage(person, tokens.deviceId);
    const renamed = await submit(person, page, /\/rename"/, { name: 'Rita’s tablet' });
    assert.equal(renamed.status, 303, renamed.text);
    const devices = await devicesOf(tokens.accessToken);
    const device = devices.find((d) => d.device_id === tokens.deviceId);
    assert.equal(device?.display_name, 'Rita’s tablet', JSON.stringify(devices));
  });

  it('should remove the device on Synapse when the session is ended, and its token stops working', async () => {
    const { person, tokens: kept } = await signedIn('sam');
    const ended = await client.signIn(person);
    assert.equal((await whoami(env.synapse.baseUrl, ended.accessToken)).status, 200);
    const page = await sessionPage(person, ended.deviceId);
    const done = await submit(person, page, /\/end"/);
    assert.equal(done.status, 200, done.text);
    await syncsSettled();
    const refused = await whoami(env.synapse.baseUrl, ended.accessToken);
    assert.equal(refused.status, 401, JSON.stringify(refused.body));
    assert.equal(refused.errcode, 'M_UNKNOWN_TOKEN');
    const left = (await devicesOf(kept.accessToken)).map((d) => d.device_id);
    assert.ok(left.includes(kept.deviceId), JSON.stringify(left));
    assert.ok(!left.includes(ended.deviceId), JSON.stringify(left));
  });

  it("should set the display name in the user's Synapse profile", async () => {
    const { person, tokens } = await signedIn('tess');
    const profile = await person.get(env.mas.url('/account'));
    const saved = await submit(person, profile, /display_name/, { display_name: 'Tess T.' });
    assert.equal(saved.status, 200, saved.text);
    const mxid = encodeURIComponent(`@tess:${SYNAPSE_SERVER_NAME}`);
    const res = await matrixGet(
      env.synapse.baseUrl,
      `/_matrix/client/v3/profile/${mxid}/displayname`,
      tokens.accessToken,
    );
    assert.equal(res.body?.displayname, 'Tess T.', JSON.stringify(res.body));
    const shown = await person.get(env.mas.url('/account'));
    assert.match(shown.text, /value="Tess T\."/);
  });

  it('should deactivate the user on Synapse', async () => {
    const { person, tokens } = await signedIn('ursula');
    const form = await person.get(env.mas.url('/account/deactivate'));
    const done = await submit(person, form, /name="password"/, { password: PASSWORD });
    assert.equal(done.status, 200, done.text);
    const res = await fetch(`${env.synapse.baseUrl}/_synapse/mas/query_user?localpart=ursula`, {
      headers: { Authorization: `Bearer ${env.secret}` },
    });
    const user = (await res.json()) as { is_deactivated?: boolean };
    assert.equal(user.is_deactivated, true, JSON.stringify(user));
    const refused = await whoami(env.synapse.baseUrl, tokens.accessToken);
    assert.equal(refused.status, 401, JSON.stringify(refused.body));
  });
});
