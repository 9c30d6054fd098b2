import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { after, before, beforeEach, describe, it } from 'node:test';
import { DataSource } from 'typeorm';
import { ulid } from 'ulid';
import { hashToken } from '../../src/core';
import { CompatSessionEntity } from '../../src/storage/compat/compat-session.entity';
import { OAuth2AccessTokenEntity } from '../../src/storage/oauth2/oauth2-access-token.entity';
import { OAuth2AuthorizationGrantEntity } from '../../src/storage/oauth2/oauth2-authorization-grant.entity';
import { OAuth2AuthorizationGrantRepository } from '../../src/storage/oauth2/oauth2-authorization-grant.repository';
import { OAuth2SessionEntity } from '../../src/storage/oauth2/oauth2-session.entity';
import { PersonalSessionEntity } from '../../src/storage/personal/personal-session.entity';
import { UserEmailRepository } from '../../src/storage/users/user-email.repository';
import { UserAccounts } from '../../src/users/user-accounts.service';
import {
  addClient,
  type ConsentedGrant,
  consentedGrant,
  REDIRECT_URI,
  type TestClient,
} from '../factories/code-flow.factory';
import { RecordingHomeserver } from '../fakes/recording-homeserver';
import { jobRows, queueIdle } from '../setup/job-rows';
import { createTestApp, type TestApp } from '../setup/test-app';
import { waitFor } from '../setup/wait-for';

const SECRET = 'e2e-homeserver-secret';
const CLIENT_NAME = 'Element Test';
const API = 'urn:matrix:client:api:*';
const device = (id: string) => `urn:matrix:client:device:${id}`;

describe('homeserver provisioning at code exchange and device removal at session end', () => {
  let fake: RecordingHomeserver;
  let t: TestApp;
  let client: TestClient;
  before(async () => {
    fake = await RecordingHomeserver.start();
    t = await createTestApp(`matrix:\n  endpoint: "${fake.endpoint}"\n  secret: "${SECRET}"\n`);
    client = await addClient(t.running.app, { clientName: CLIENT_NAME });
  });
  after(async () => {
    await t.close();
    await fake.close();
  });
  beforeEach(async () => {
    await fake.restart();
    fake.reset();
  });

  const ds = () => t.running.app.get(DataSource);
  const basic = () => `Basic ${Buffer.from(`${client.id}:${client.secret}`).toString('base64')}`;
  const exchange = (g: ConsentedGrant) =>
    t.http().post('/oauth2/token').type('form').set('Authorization', basic()).send({
      grant_type: 'authorization_code',
      code: g.code,
      redirect_uri: REDIRECT_URI,
      code_verifier: g.verifier,
    });
  const revoke = (token: string) =>
    t.http().post('/oauth2/revoke').type('form').set('Authorization', basic()).send({ token });
  const usernameOf = async (userId: string) =>
    (await t.running.app.get(UserAccounts).findById(userId))!.username;
  const sessionsOf = (userId: string) => ds().getRepository(OAuth2SessionEntity).findBy({ userId });
  const grantRow = (g: ConsentedGrant) =>
    ds().getRepository(OAuth2AuthorizationGrantEntity).findOneByOrFail({ id: g.grantId });
  const sessionOfToken = async (accessToken: string) => {
    const row = await ds()
      .getRepository(OAuth2AccessTokenEntity)
      .findOneByOrFail({ accessTokenSha256: hashToken(accessToken) });
    return ds().getRepository(OAuth2SessionEntity).findOneByOrFail({ id: row.oauth2SessionId });
  };
  const calls = () => fake.requests.map((r) => `${r.method} ${r.path}`);

  /** A second consented grant of the same signed-in person (same browser session). */
  async function grantForSameUser(first: ConsentedGrant, scope: string): Promise<ConsentedGrant> {
    const grants = t.running.app.get(OAuth2AuthorizationGrantRepository);
    const earlier = await grantRow(first);
    const verifier = randomBytes(32).toString('base64url');
    const id = ulid();
    await grants.add({
      id,
      oauth2ClientId: client.id,
      redirectUri: REDIRECT_URI,
      scope,
      state: 'st',
      nonce: null,
      responseMode: 'query',
      codeChallengeMethod: 'S256',
      codeChallenge: createHash('sha256').update(verifier).digest('base64url'),
      responseTypeCode: true,
      responseTypeIdToken: false,
      createdAt: new Date(),
      loginHint: null,
      locale: null,
      rawParameters: {},
    });
    const code = randomBytes(24).toString('base64url');
    await grants.fulfill(id, earlier.userSessionId!, hashToken(code), new Date());
    return { code, verifier, grantId: id, userId: first.userId, nonce: '' };
  }

  it('should provision the user, unlocked and with their emails, then upsert the granted device, before answering', async () => {
    const g = await consentedGrant(
      t.running.app,
      client.id,
      `openid ${API} ${device('DEVICEAAA01')}`,
    );
    await t.running.app.get(UserEmailRepository).add({
      id: ulid(),
      userId: g.userId,
      email: 'person@example.org',
      createdAt: new Date(),
    });
    const localpart = await usernameOf(g.userId);

    const res = await exchange(g).expect(200);

    assert.deepEqual(calls(), [
      'POST /_synapse/mas/provision_user',
      'POST /_synapse/mas/upsert_device',
    ]);
    for (const r of fake.requests) assert.equal(r.headers.authorization, `Bearer ${SECRET}`);
    assert.deepEqual(fake.requests[0]?.body, {
      localpart,
      set_emails: ['person@example.org'],
      locked: false,
    });
    assert.deepEqual(fake.requests[1]?.body, {
      localpart,
      device_id: 'DEVICEAAA01',
      display_name: CLIENT_NAME,
    });
    assert.equal((await sessionOfToken(res.body.access_token)).humanName, CLIENT_NAME);
  });

  it('should provision the user but upsert no device when no device scope was granted', async () => {
    const g = await consentedGrant(t.running.app, client.id, `openid ${API}`);
    await exchange(g).expect(200);
    assert.deepEqual(calls(), ['POST /_synapse/mas/provision_user']);
  });

  it('should not contact the homeserver for a grant without a Matrix scope', async () => {
    const g = await consentedGrant(t.running.app, client.id, 'openid');
    await exchange(g).expect(200);
    assert.deepEqual(calls(), []);
  });

  it('should answer 503 temporarily_unavailable while the homeserver is down, issue nothing, and redeem the same code once it is back', async () => {
    const g = await consentedGrant(
      t.running.app,
      client.id,
      `openid ${API} ${device('DEVICEAAA02')}`,
    );
    await fake.stop();

    const refused = await exchange(g).expect(503);
    assert.equal(refused.body.error, 'temporarily_unavailable');
    assert.equal(refused.headers['retry-after'], '5');
    assert.equal(refused.body.access_token, undefined);
    assert.deepEqual(await sessionsOf(g.userId), []);
    assert.equal((await grantRow(g)).exchangedAt, null);

    await fake.restart();
    const res = await exchange(g).expect(200);
    assert.ok(res.body.access_token);
    assert.deepEqual(calls(), [
      'POST /_synapse/mas/provision_user',
      'POST /_synapse/mas/upsert_device',
    ]);
  });

  it('should answer 503 when the homeserver answers 500, and succeed on retry', async () => {
    const g = await consentedGrant(t.running.app, client.id, `${API} ${device('DEVICEAAA03')}`);
    fake.always({ status: 500, body: { errcode: 'M_UNKNOWN', error: 'Internal server error' } });
    assert.equal((await exchange(g).expect(503)).body.error, 'temporarily_unavailable');
    assert.deepEqual(await sessionsOf(g.userId), []);
    fake.always(null);
    await exchange(g).expect(200);
  });

  it('should answer 500 server_error and issue nothing when the homeserver refuses the shared secret', async () => {
    const g = await consentedGrant(
      t.running.app,
      client.id,
      `openid ${API} ${device('DEVICEAAA04')}`,
    );
    fake.requireSecret('the-secret-synapse-expects');

    const refused = await exchange(g).expect(500);
    assert.equal(refused.body.error, 'server_error');
    assert.ok(!JSON.stringify(refused.body).includes(SECRET));
    assert.equal(fake.requests.length, 1, 'nothing after the refused provision_user');
    assert.equal(fake.requests[0]?.headers.authorization, `Bearer ${SECRET}`);
    assert.deepEqual(await sessionsOf(g.userId), []);
    assert.equal((await grantRow(g)).exchangedAt, null);
  });

  it('should issue nothing when the user is provisioned but the device cannot be', async () => {
    const g = await consentedGrant(t.running.app, client.id, `${API} ${device('DEVICEAAA05')}`);
    fake.on('POST', '/_synapse/mas/upsert_device', {
      status: 404,
      body: { errcode: 'M_NOT_FOUND', error: 'User not found' },
    });
    assert.equal((await exchange(g).expect(500)).body.error, 'server_error');
    assert.deepEqual(await sessionsOf(g.userId), []);
    assert.equal((await grantRow(g)).exchangedAt, null);
  });

  it("should sync the user's remaining devices (OAuth, compat and personal sessions) when a session with a device is revoked", async () => {
    const first = await consentedGrant(t.running.app, client.id, `${API} ${device('DEVICEREV01')}`);
    const second = await grantForSameUser(first, `${API} ${device('DEVICEREV02')}`);
    const revoked = (await exchange(first).expect(200)).body;
    await exchange(second).expect(200);
    const compat = ds().getRepository(CompatSessionEntity);
    await compat.insert({
      id: ulid(),
      userId: first.userId,
      deviceId: 'COMPATDEV1',
      createdAt: new Date(),
    });
    await compat.insert({
      id: ulid(),
      userId: first.userId,
      deviceId: 'COMPATOLD1',
      createdAt: new Date(),
      finishedAt: new Date(),
    });
    await ds()
      .getRepository(PersonalSessionEntity)
      .insert({
        id: ulid(),
        ownerUserId: first.userId,
        actorUserId: first.userId,
        humanName: 'bot',
        scopeList: [API, device('PERSONAL01')],
        createdAt: new Date(),
      });
    fake.reset();

    await revoke(revoked.refresh_token).expect(200);

    await waitFor('the sync-devices job', () => queueIdle(ds(), 'sync-devices'));
    assert.deepEqual(calls(), ['POST /_synapse/mas/sync_devices']);
    const body = fake.requests[0]?.body as { localpart: string; devices: string[] };
    assert.equal(body.localpart, await usernameOf(first.userId));
    assert.deepEqual(body.devices.sort(), ['COMPATDEV1', 'DEVICEREV02', 'PERSONAL01']);
    assert.equal(fake.requests[0]?.headers.authorization, `Bearer ${SECRET}`);
  });

  it('should not sync devices when the revoked session held no device', async () => {
    const g = await consentedGrant(t.running.app, client.id, `openid ${API}`);
    const issued = (await exchange(g).expect(200)).body;
    fake.reset();
    await revoke(issued.access_token).expect(200);
    const jobs = await jobRows(ds(), 'sync-devices');
    assert.deepEqual(
      jobs.filter((j) => j.data.userId === g.userId),
      [],
      'no sync-devices job for the user',
    );
    assert.deepEqual(calls(), []);
  });

  it('should answer a revocation at once while the homeserver is down, retry the device sync, and remove the device once it is back', async () => {
    const first = await consentedGrant(t.running.app, client.id, `${API} ${device('DEVICEDWN01')}`);
    const second = await grantForSameUser(first, `${API} ${device('DEVICEDWN02')}`);
    const revoked = (await exchange(first).expect(200)).body;
    await exchange(second).expect(200);
    await fake.stop();
    fake.reset();

    await revoke(revoked.access_token).expect(200);
    assert.notEqual((await sessionOfToken(revoked.access_token)).finishedAt, null);

    const retrying = await waitFor('a failed attempt of the sync', async () =>
      (await jobRows(ds(), 'sync-devices')).find(
        (j) => j.data.userId === first.userId && j.state === 'retry',
      ),
    );
    assert.match(String(retrying.output?.message), /sync_devices: could not reach the homeserver/);
    assert.equal(fake.requests.length, 0, 'the homeserver was down');

    await fake.restart();
    const done = await waitFor('the sync to land', async () => {
      const job = (await jobRows(ds(), 'sync-devices')).find((j) => j.id === retrying.id);
      return job?.state === 'completed' ? job : undefined;
    });
    assert.ok(done.retryCount >= 1, 'it landed on a retry');
    assert.deepEqual(done.output, { devices: 1 });
    const syncs = fake.requestsTo('/_synapse/mas/sync_devices');
    assert.equal(syncs.length, 1);
    assert.deepEqual(syncs[0]?.body, {
      localpart: await usernameOf(first.userId),
      devices: ['DEVICEDWN02'],
    });
  });

  it('should keep a device sync the homeserver refuses for good as a failed job', async () => {
    const g = await consentedGrant(t.running.app, client.id, `${API} ${device('DEVICEREF01')}`);
    const issued = (await exchange(g).expect(200)).body;
    fake.requireSecret('the-secret-synapse-expects');

    await revoke(issued.access_token).expect(200);

    const failed = await waitFor('the failed job', async () =>
      (await jobRows(ds(), 'sync-devices')).find(
        (j) => j.data.userId === g.userId && j.state === 'failed',
      ),
    );
    assert.equal(failed.retryCount, 0, 'not retried');
    assert.match(String(failed.output?.message), /refused the shared secret/);
    assert.ok(!JSON.stringify(failed.output).includes(SECRET));
  });
});
