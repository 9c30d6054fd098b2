import { after, before, it } from 'node:test';
import assert from 'node:assert/strict';
import { UserAccounts } from '../../src/users/user-accounts.service';
import { addClient, type TestClient } from '../factories/code-flow.factory';
import { SocketPerson } from '../factories/socket-person';
import { matrixGet, whoami } from '../setup/matrix-call';
import {
  startMasWithSynapse,
  SYNAPSE_SERVER_NAME,
  type MasWithSynapse,
} from '../setup/mas-with-synapse';
import { describeWithSynapse } from '../setup/synapse';

const PASSWORD = 'correct horse battery';
const DEVICE_GRANT = 'urn:ietf:params:oauth:grant-type:device_code';
const DEVICE_ID = 'TVDEVICE01';

interface TokenAnswer {
  status: number;
  body: { access_token?: string; refresh_token?: string; error?: string };
}

/**
 * The device authorization grant (RFC 8628, MSC4341) with a real Synapse: the person approves
 * on the link page, the device's poll provisions the Matrix device on Synapse, and the tokens
 * work there (Synapse introspects them at mas-ts), also after a refresh.
 */
describeWithSynapse('device authorization grant against a real Synapse', () => {
  let env: MasWithSynapse;
  let tv: TestClient;

  before(async () => {
    env = await startMasWithSynapse();
    await env.mas.running.app.get(UserAccounts).register({ username: 'alice', password: PASSWORD });
    tv = await addClient(env.mas.running.app, {
      tokenEndpointAuthMethod: 'none',
      clientName: 'Living Room TV',
      redirectUris: [],
      grantTypeAuthorizationCode: false,
      grantTypeRefreshToken: true,
      grantTypeDeviceCode: true,
    });
  });
  after(async () => {
    await env?.close();
  });

  async function token(form: Record<string, string>): Promise<TokenAnswer> {
    const res = await fetch(env.mas.url('/oauth2/token'), {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ client_id: tv.id, ...form }).toString(),
    });
    return { status: res.status, body: (await res.json()) as TokenAnswer['body'] };
  }

  it('should sign a device in on Synapse once the person approves it', async () => {
    const started = await fetch(env.mas.url('/oauth2/device'), {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        client_id: tv.id,
        scope: `urn:matrix:client:api:* urn:matrix:client:device:${DEVICE_ID}`,
      }).toString(),
    });
    assert.equal(started.status, 200);
    const device = (await started.json()) as {
      device_code: string;
      user_code: string;
      verification_uri: string;
    };

    const pending = await token({ grant_type: DEVICE_GRANT, device_code: device.device_code });
    assert.equal(pending.body.error, 'authorization_pending');

    const done = await new SocketPerson('alice', PASSWORD).approveDevice(
      device.verification_uri,
      device.user_code,
    );
    assert.match(done.text, /Device connected/);

    // The next poll comes after the interval (RFC 8628 §3.5); move the last poll back.
    await env.mas.db.dataSource.query(
      `UPDATE oauth2_device_code_grant SET last_polled_at = last_polled_at - interval '10 seconds'`,
    );
    const tokens = await token({ grant_type: DEVICE_GRANT, device_code: device.device_code });
    assert.equal(tokens.status, 200, JSON.stringify(tokens.body));
    const accessToken = tokens.body.access_token ?? '';

    const me = await whoami(env.synapse.baseUrl, accessToken);
    assert.equal(me.status, 200, `${JSON.stringify(me.body)}\n${env.synapseLog()}`);
    assert.equal(me.body?.user_id, `@alice:${SYNAPSE_SERVER_NAME}`);
    assert.equal(me.body?.device_id, DEVICE_ID);
    const devices = await matrixGet(env.synapse.baseUrl, '/_matrix/client/v3/devices', accessToken);
    assert.ok(
      ((devices.body?.devices ?? []) as { device_id: string }[]).some(
        (d) => d.device_id === DEVICE_ID,
      ),
      'the device exists on Synapse',
    );

    const refreshed = await token({
      grant_type: 'refresh_token',
      refresh_token: tokens.body.refresh_token ?? '',
    });
    assert.equal(refreshed.status, 200, JSON.stringify(refreshed.body));
    const after = await whoami(env.synapse.baseUrl, refreshed.body.access_token ?? '');
    assert.equal(after.body?.device_id, DEVICE_ID, 'the same device after a refresh');
  });
});
