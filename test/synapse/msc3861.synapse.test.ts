import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  IntrospectionCallerAuthenticator,
  type IntrospectionCaller,
} from '../../src/introspection/introspection-caller';
import { UserAccounts, type UserView } from '../../src/users/user-accounts.service';
import { MatrixOAuthClient } from '../factories/matrix-oauth-client';
import { SocketPerson } from '../factories/socket-person';
import { matrixGet, whoami } from '../setup/matrix-call';
import {
  MSC3861_CLIENT_ID,
  startMasWithSynapse,
  SYNAPSE_SERVER_NAME,
  type MasWithSynapse,
} from '../setup/mas-with-synapse';
import { describeWithSynapse, pinnedSynapseVersion } from '../setup/synapse';
import { waitFor } from '../setup/wait-for';

const PASSWORD = 'correct horse battery';
const mxid = (localpart: string) => `@${localpart}:${SYNAPSE_SERVER_NAME}`;

/** What Synapse's admin API says about a user (Synapse admin API "Query User Account"). */
interface AdminUser {
  name: string;
  external_ids: { auth_provider: string; external_id: string }[];
}

/**
 * The older delegation: Synapse ≤ 1.156 with `experimental_features.msc3861` (seed 002 of the
 * shared notes). Synapse reads mas-ts's discovery document from the issuer, introspects at its
 * `introspection_endpoint` as the static client `0000000000000000000SYNAPSE` with
 * `client_secret_basic`, and accepts mas-ts's `matrix.secret` as its `admin_token` on the admin
 * API and on `/_synapse/mas/*` (Synapse 1.156 serves both in this mode). Both connectors run:
 * `synapse_legacy` (the admin API, MAS's connector for this setup) and `synapse` (the
 * `/_synapse/mas` API).
 */
describeWithSynapse(
  `the older MSC3861 delegation on a real Synapse ${pinnedSynapseVersion('legacy')}`,
  () => {
    for (const kind of ['synapse_legacy', 'synapse'] as const) {
      describe(`with matrix.kind: ${kind}`, () => {
        let env: MasWithSynapse;
        let client: MatrixOAuthClient;
        let accounts: UserAccounts;

        before(async () => {
          env = await startMasWithSynapse({ delegation: 'msc3861', kind });
          accounts = env.mas.running.app.get(UserAccounts);
          client = await MatrixOAuthClient.register(env.synapse.baseUrl, env.mas.baseUrl);
        });
        after(async () => {
          await env?.close();
        });

        /** A Synapse admin API call with the admin token, as mas-ts makes them. */
        function admin(path: string) {
          return matrixGet(env.synapse.baseUrl, `/_synapse/admin${path}`, env.secret);
        }

        async function newUser(
          username: string,
        ): Promise<{ user: UserView; person: SocketPerson }> {
          const user = await accounts.register({ username, password: PASSWORD });
          return { user, person: new SocketPerson(username, PASSWORD) };
        }

        it("should serve mas-ts's discovery document at auth_metadata, introspection endpoint included", async () => {
          const ours = (await (
            await fetch(env.mas.url('/.well-known/openid-configuration'))
          ).json()) as Record<string, unknown>;
          const res = await fetch(`${env.synapse.baseUrl}/_matrix/client/v1/auth_metadata`);
          assert.equal(res.status, 200, env.synapseLog());
          assert.deepEqual(await res.json(), ours);
          // Where this Synapse introspects, and where the client found everything else.
          assert.equal(client.as.introspection_endpoint, env.mas.url('/oauth2/introspect'));
          assert.equal(client.as.issuer, env.mas.baseUrl);
        });

        it('should have Synapse introspect as the static client with client_secret_basic', async () => {
          // A spy on mas-ts's own check of the caller, so the test sees how Synapse called.
          const callers = env.mas.running.app.get(IntrospectionCallerAuthenticator);
          const seen: { scheme: string; caller: IntrospectionCaller }[] = [];
          const authenticate = callers.authenticate.bind(callers);
          callers.authenticate = async (authorization, body) => {
            const caller = await authenticate(authorization, body);
            seen.push({ scheme: authorization?.split(' ')[0] ?? '', caller });
            return caller;
          };
          try {
            const { person } = await newUser('probe');
            const tokens = await client.signIn(person);
            const who = await whoami(env.synapse.baseUrl, tokens.accessToken);
            assert.equal(who.status, 200, `${JSON.stringify(who.body)}\n${env.synapseLog()}`);
          } finally {
            callers.authenticate = authenticate;
          }
          assert.deepEqual(seen, [
            { scheme: 'Basic', caller: { kind: 'client', clientId: MSC3861_CLIENT_ID } },
          ]);

          // The same client with another secret is refused (Synapse would answer 503).
          const res = await fetch(env.mas.url('/oauth2/introspect'), {
            method: 'POST',
            headers: {
              Authorization: `Basic ${Buffer.from(`${MSC3861_CLIENT_ID}:wrong`).toString('base64')}`,
              'Content-Type': 'application/x-www-form-urlencoded',
            },
            body: new URLSearchParams({ token: 'mat_unknown' }).toString(),
          });
          assert.equal(res.status, 401);
          assert.equal(((await res.json()) as { error: string }).error, 'invalid_client');
        });

        it('should sign in through Synapse: provisioning with the admin token, then the token works on Synapse', async () => {
          const { user, person } = await newUser('alice');
          const tokens = await client.signIn(person);

          const who = await whoami(env.synapse.baseUrl, tokens.accessToken);
          assert.equal(who.status, 200, `${JSON.stringify(who.body)}\n${env.synapseLog()}`);
          assert.equal(who.body?.user_id, mxid('alice'));
          assert.equal(who.body?.device_id, tokens.deviceId);

          const devices = await matrixGet(
            env.synapse.baseUrl,
            '/_matrix/client/v3/devices',
            tokens.accessToken,
          );
          assert.equal(devices.status, 200);
          const list = (devices.body?.devices ?? []) as { device_id: string }[];
          assert.deepEqual(
            list.map((d) => d.device_id),
            [tokens.deviceId],
          );

          // Synapse finds the user by the introspected `sub` through this external id (the
          // legacy connector writes it when provisioning; Synapse records it otherwise).
          const account = await admin(`/v2/users/${encodeURIComponent(mxid('alice'))}`);
          assert.equal(account.status, 200, JSON.stringify(account.body));
          assert.deepEqual((account.body as unknown as AdminUser).external_ids, [
            { auth_provider: 'oauth-delegated', external_id: user.id },
          ]);
        });

        it('should refuse a revoked token it never saw, and keep a cached one (no eviction in this mode)', async () => {
          const { person } = await newUser('bob');
          const seen = await client.signIn(person);
          const unseen = await client.signIn(person);
          assert.equal((await whoami(env.synapse.baseUrl, seen.accessToken)).status, 200);

          await client.revoke(seen.accessToken);
          await client.revoke(unseen.accessToken);
          assert.deepEqual(await env.introspect(seen.accessToken), { active: false });
          // The sync-devices job (run by the app's worker right after the revocation commits)
          // deletes both devices on Synapse.
          await waitFor('mas-ts to delete both devices on Synapse', async () => {
            const devices = await admin(`/v2/users/${encodeURIComponent(mxid('bob'))}/devices`);
            assert.equal(devices.status, 200);
            return Array.isArray(devices.body?.devices) && devices.body.devices.length === 0;
          });

          const refused = await whoami(env.synapse.baseUrl, unseen.accessToken);
          assert.equal(refused.status, 401, JSON.stringify(refused.body));
          assert.equal(refused.errcode, 'M_UNKNOWN_TOKEN');
          // Synapse's MSC3861 auth looks the device up but ignores a missing one, so the
          // deleted device does not evict the cached answer as the matrix_authentication_service
          // mode does: the revoked token works until the two-minute cache entry ends.
          const cached = await whoami(env.synapse.baseUrl, seen.accessToken);
          assert.equal(cached.status, 200, JSON.stringify(cached.body));
        });
      });
    }
  },
  'legacy',
);
