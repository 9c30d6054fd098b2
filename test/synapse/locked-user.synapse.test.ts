import { after, before, it } from 'node:test';
import assert from 'node:assert/strict';
import { UserRepository } from '../../src/storage/users/user.repository';
import { UserAccounts, type UserView } from '../../src/users/user-accounts.service';
import { MatrixOAuthClient } from '../factories/matrix-oauth-client';
import { SocketPerson } from '../factories/socket-person';
import { whoami } from '../setup/matrix-call';
import { startMasWithSynapse, type MasWithSynapse } from '../setup/mas-with-synapse';
import { describeWithSynapse } from '../setup/synapse';

const PASSWORD = 'correct horse battery';

/**
 * A locked account on a real Synapse. mas-ts answers `{"active": false}` for every token of a
 * locked user (CONTRACTS §2), so Synapse refuses any token it has not seen yet. Synapse (1.160,
 * `synapse/api/auth/mas.py`) keeps each introspection answer for two minutes and has no way to
 * hear of a lock, so a token it had already seen keeps its cached answer (active or not) until
 * then; the tests show both without waiting those two minutes.
 */
describeWithSynapse('a locked user on a real Synapse', () => {
  let env: MasWithSynapse;
  let client: MatrixOAuthClient;
  let accounts: UserAccounts;
  let users: UserRepository;

  before(async () => {
    env = await startMasWithSynapse({ recordSynapseCalls: true });
    accounts = env.mas.running.app.get(UserAccounts);
    users = env.mas.running.app.get(UserRepository);
    client = await MatrixOAuthClient.register(env.synapse.baseUrl, env.mas.baseUrl);
  });
  after(async () => {
    await env?.close();
  });

  async function newUser(username: string): Promise<{ user: UserView; person: SocketPerson }> {
    const user = await accounts.register({ username, password: PASSWORD });
    return { user, person: new SocketPerson(username, PASSWORD) };
  }

  async function lock(user: UserView): Promise<void> {
    assert.equal(await users.lock(user.id, new Date()), true);
  }

  it('should refuse with 401 M_UNKNOWN_TOKEN a token of a locked user that Synapse has not seen', async () => {
    const { user, person } = await newUser('carol');
    const tokens = await client.signIn(person);
    await lock(user);

    assert.deepEqual(await env.introspect(tokens.accessToken), { active: false });
    const before = env.introspections();
    const res = await whoami(env.synapse.baseUrl, tokens.accessToken);
    assert.equal(res.status, 401, JSON.stringify(res.body));
    assert.equal(res.errcode, 'M_UNKNOWN_TOKEN');
    assert.equal(env.introspections(), before + 1, 'Synapse asked mas-ts');

    // Like MAS, the refresh grant does not look at the user; what it issues is just as dead.
    const refreshed = await client.refresh(tokens);
    const after = await whoami(env.synapse.baseUrl, refreshed.accessToken);
    assert.equal(after.status, 401, JSON.stringify(after.body));
    assert.equal(after.errcode, 'M_UNKNOWN_TOKEN');
  });

  it('should keep accepting a token Synapse cached before the lock, until its cache entry ends', async () => {
    const { user, person } = await newUser('dave');
    const tokens = await client.signIn(person);
    assert.equal((await whoami(env.synapse.baseUrl, tokens.accessToken)).status, 200);
    await lock(user);

    assert.deepEqual(await env.introspect(tokens.accessToken), { active: false });
    const before = env.introspections();
    const cached = await whoami(env.synapse.baseUrl, tokens.accessToken);
    assert.equal(cached.status, 200, JSON.stringify(cached.body));
    assert.equal(cached.body?.user_id, `@dave:${env.synapse.serverName}`);
    assert.equal(env.introspections(), before, 'Synapse answered from its cache');
  });

  it('should accept a new token after unlock, while a token it cached as inactive stays refused', async () => {
    const { user, person } = await newUser('erin');
    const early = await client.signIn(person);
    await lock(user);
    const refused = await whoami(env.synapse.baseUrl, early.accessToken);
    assert.equal(refused.status, 401, JSON.stringify(refused.body));
    assert.equal(refused.errcode, 'M_UNKNOWN_TOKEN');

    assert.equal(await users.unlock(user.id), true);
    const fresh = await client.signIn(person);
    const ok = await whoami(env.synapse.baseUrl, fresh.accessToken);
    assert.equal(ok.status, 200, `${JSON.stringify(ok.body)}\n${env.synapseLog()}`);
    assert.equal(ok.body?.device_id, fresh.deviceId);

    // mas-ts takes the earlier token back at once; Synapse cached {"active": false} for it.
    assert.equal((await env.introspect(early.accessToken)).active, true);
    const before = env.introspections();
    const stillRefused = await whoami(env.synapse.baseUrl, early.accessToken);
    assert.equal(stillRefused.status, 401, JSON.stringify(stillRefused.body));
    assert.equal(stillRefused.errcode, 'M_UNKNOWN_TOKEN');
    assert.equal(env.introspections(), before, 'Synapse answered from its cache');
  });
});
