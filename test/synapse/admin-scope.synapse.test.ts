import { after, before, it } from 'node:test';
import assert from 'node:assert/strict';
import { UserAccounts } from '../../src/users/user-accounts.service';
import { MatrixOAuthClient, SYNAPSE_ADMIN_SCOPE } from '../factories/matrix-oauth-client';
import { SocketPerson } from '../factories/socket-person';
import { matrixGet, whoami } from '../setup/matrix-call';
import {
  startMasWithSynapse,
  SYNAPSE_SERVER_NAME,
  type MasWithSynapse,
} from '../setup/mas-with-synapse';
import { describeWithSynapse } from '../setup/synapse';

const PASSWORD = 'correct horse battery';
const ADMIN = 'root';
const NORMAL = 'alice';
const mxid = (localpart: string) => `@${localpart}:${SYNAPSE_SERVER_NAME}`;
/** A Synapse admin API endpoint that needs a server admin (Synapse admin API "Query User Account"). */
const adminUserPath = (localpart: string) =>
  `/_synapse/admin/v2/users/${encodeURIComponent(mxid(localpart))}`;

/**
 * `urn:synapse:admin:*` on a real Synapse (CONTRACTS §2, §5): a user with `can_request_admin`
 * may ask for it, and Synapse then treats the token as a server admin's; Synapse's delegated
 * auth decides "admin" from the introspected scope alone, so a token without it gets
 * 403 M_FORBIDDEN on the admin API, whoever its user is.
 */
describeWithSynapse('the Synapse admin scope through mas-ts', () => {
  let env: MasWithSynapse;
  let client: MatrixOAuthClient;

  before(async () => {
    env = await startMasWithSynapse();
    const accounts = env.mas.running.app.get(UserAccounts);
    await accounts.register({ username: ADMIN, password: PASSWORD, admin: true });
    await accounts.register({ username: NORMAL, password: PASSWORD });
    client = await MatrixOAuthClient.register(env.synapse.baseUrl, env.mas.baseUrl);
  });
  after(async () => {
    await env?.close();
  });

  it('should let a can_request_admin user with urn:synapse:admin:* call the Synapse admin API', async () => {
    const tokens = await client.signIn(new SocketPerson(ADMIN, PASSWORD), [SYNAPSE_ADMIN_SCOPE]);
    assert.ok(tokens.scope.split(' ').includes(SYNAPSE_ADMIN_SCOPE), tokens.scope);

    const me = await matrixGet(env.synapse.baseUrl, adminUserPath(ADMIN), tokens.accessToken);
    assert.equal(me.status, 200, `${JSON.stringify(me.body)}\n${env.synapseLog()}`);
    assert.equal(me.body?.name, mxid(ADMIN));
    // Provisioning left Synapse's own admin flag alone: the power comes from the scope.
    assert.equal(me.body?.admin, false);
    const device = await matrixGet(
      env.synapse.baseUrl,
      `${adminUserPath(ADMIN)}/devices`,
      tokens.accessToken,
    );
    assert.equal(device.status, 200);
    const devices = (device.body?.devices ?? []) as { device_id: string }[];
    assert.ok(
      devices.some((d) => d.device_id === tokens.deviceId),
      JSON.stringify(devices),
    );
  });

  it("should answer 403 M_FORBIDDEN on the admin API to a normal user's token", async () => {
    const tokens = await client.signIn(new SocketPerson(NORMAL, PASSWORD));
    assert.ok(!tokens.scope.split(' ').includes(SYNAPSE_ADMIN_SCOPE), tokens.scope);
    assert.equal((await whoami(env.synapse.baseUrl, tokens.accessToken)).status, 200);

    const res = await matrixGet(env.synapse.baseUrl, adminUserPath(ADMIN), tokens.accessToken);
    assert.equal(res.status, 403, JSON.stringify(res.body));
    assert.equal(res.errcode, 'M_FORBIDDEN');
  });

  it('should answer 403 M_FORBIDDEN to an admin user whose token lacks the admin scope', async () => {
    const tokens = await client.signIn(new SocketPerson(ADMIN, PASSWORD));
    assert.equal((await whoami(env.synapse.baseUrl, tokens.accessToken)).status, 200);

    const res = await matrixGet(env.synapse.baseUrl, adminUserPath(ADMIN), tokens.accessToken);
    assert.equal(res.status, 403, JSON.stringify(res.body));
    assert.equal(res.errcode, 'M_FORBIDDEN');
  });
});
