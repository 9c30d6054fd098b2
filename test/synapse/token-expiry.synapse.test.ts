import { after, before, it } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { hashToken } from '../../src/core';
import { OAuth2AccessTokenEntity } from '../../src/storage/oauth2/oauth2-access-token.entity';
import { UserAccounts } from '../../src/users/user-accounts.service';
import { MatrixOAuthClient } from '../factories/matrix-oauth-client';
import { SocketPerson } from '../factories/socket-person';
import { whoami } from '../setup/matrix-call';
import { startMasWithSynapse, type MasWithSynapse } from '../setup/mas-with-synapse';
import { describeWithSynapse } from '../setup/synapse';

const PASSWORD = 'correct horse battery';
/** The shortest `experimental.access_token_ttl` the configuration accepts (as MAS: 60 s). */
const CONFIGURED_TTL_S = 60;
/**
 * What is left of a token's life when the test shortens it in the database, since no
 * configuration makes it this short: long enough for one request to Synapse on a slow machine,
 * short enough to wait for.
 */
const SHORT_LIFE_MS = 5_000;
/** Waited on top of the expiry, so that both clocks (Synapse's and ours) are past it. */
const PAST_EXPIRY_MS = 500;

/**
 * Access token expiry as a real Synapse sees it. Synapse (1.160, `synapse/api/auth/mas.py`)
 * keeps every introspection answer for two minutes, stamped with the time it was retrieved, and
 * counts an active answer as active only while `now < retrieved_at + expires_in` (it ignores
 * `exp`). So an expired token is refused from the cache, without asking mas-ts again; a refreshed
 * token is new to Synapse and introspected once.
 */
describeWithSynapse('access token expiry and refresh on a real Synapse', () => {
  let env: MasWithSynapse;
  let client: MatrixOAuthClient;
  const person = new SocketPerson('alice', PASSWORD);

  before(async () => {
    env = await startMasWithSynapse({
      recordSynapseCalls: true,
      masConfig: `experimental:\n  access_token_ttl: ${CONFIGURED_TTL_S}\n`,
    });
    await env.mas.running.app.get(UserAccounts).register({ username: 'alice', password: PASSWORD });
    client = await MatrixOAuthClient.register(env.synapse.baseUrl, env.mas.baseUrl);
  });
  after(async () => {
    await env?.close();
  });

  /** Lets the stored token expire `SHORT_LIFE_MS` from now; returns that instant. */
  async function shortenLife(accessToken: string): Promise<Date> {
    const expiresAt = new Date(Date.now() + SHORT_LIFE_MS);
    const updated = await env.mas.db.dataSource
      .getRepository(OAuth2AccessTokenEntity)
      .update({ accessTokenSha256: hashToken(accessToken) }, { expiresAt });
    assert.equal(updated.affected, 1);
    return expiresAt;
  }

  async function waitPast(instant: Date): Promise<void> {
    await sleep(Math.max(0, instant.getTime() - Date.now()) + PAST_EXPIRY_MS);
  }

  it('should give the token response the configured access_token_ttl as expires_in', async () => {
    const tokens = await client.signIn(person);
    assert.equal(tokens.expiresIn, CONFIGURED_TTL_S);
    const answer = await env.introspect(tokens.accessToken);
    assert.equal(answer.active, true);
    assert.ok(
      typeof answer.expires_in === 'number' && answer.expires_in <= CONFIGURED_TTL_S,
      JSON.stringify(answer),
    );
  });

  it('should have Synapse refuse an expired token from its cache, and accept the refreshed one', async () => {
    const tokens = await client.signIn(person);
    const expiresAt = await shortenLife(tokens.accessToken);
    const before = env.introspections();

    const alive = await whoami(env.synapse.baseUrl, tokens.accessToken);
    assert.equal(
      alive.status,
      200,
      `Synapse accepts the token while it lives (${SHORT_LIFE_MS} ms): ${JSON.stringify(alive.body)}\n${env.synapseLog()}`,
    );
    assert.equal(alive.body?.device_id, tokens.deviceId);
    assert.equal(env.introspections(), before + 1, 'Synapse introspected the new token once');

    await waitPast(expiresAt);
    assert.deepEqual(await env.introspect(tokens.accessToken), { active: false });
    const expired = await whoami(env.synapse.baseUrl, tokens.accessToken);
    assert.equal(expired.status, 401, JSON.stringify(expired.body));
    assert.equal(expired.errcode, 'M_UNKNOWN_TOKEN');
    assert.equal(
      env.introspections(),
      before + 1,
      'Synapse refused it from its cached answer (retrieved_at + expires_in), not by asking again',
    );

    const refreshed = await client.refresh(tokens);
    assert.notEqual(refreshed.accessToken, tokens.accessToken);
    assert.equal(refreshed.expiresIn, CONFIGURED_TTL_S);
    const again = await whoami(env.synapse.baseUrl, refreshed.accessToken);
    assert.equal(again.status, 200, JSON.stringify(again.body));
    assert.equal(again.body?.device_id, tokens.deviceId, 'the same device after the refresh');
    assert.equal(env.introspections(), before + 2, 'the refreshed token was introspected once');
  });

  it('should keep accepting the replaced access token from its cache after a refresh', async () => {
    const tokens = await client.signIn(person);
    assert.equal((await whoami(env.synapse.baseUrl, tokens.accessToken)).status, 200);
    const before = env.introspections();

    // RFC 9700 §4.14.2 rotation: mas-ts revokes the previous access token at once ...
    const refreshed = await client.refresh(tokens);
    assert.deepEqual(await env.introspect(tokens.accessToken), { active: false });
    // ... while Synapse answers from the active answer it cached (up to two minutes, or until
    // its expires_in runs out), as its source says it accepts for a refresh.
    const cached = await whoami(env.synapse.baseUrl, tokens.accessToken);
    assert.equal(cached.status, 200, JSON.stringify(cached.body));
    assert.equal(env.introspections(), before, 'no new introspection for the cached token');
    assert.equal((await whoami(env.synapse.baseUrl, refreshed.accessToken)).status, 200);
  });
});
