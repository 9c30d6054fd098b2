import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import type { HomeserverConnection } from '../../src/homeserver/homeserver-connection';
import { HomeserverNotFound } from '../../src/homeserver/homeserver-errors';
import { ReadOnlyHomeserverConnection } from '../../src/homeserver/read-only.connection';
import { SynapseLegacyConnection } from '../../src/homeserver/synapse-legacy.connection';
import { SynapseModernConnection } from '../../src/homeserver/synapse-modern.connection';
import { RecordingHomeserver } from '../fakes/recording-homeserver';
import { assertRequest, connectionTo } from './homeserver-fixtures';

/** Every write of the connection, each of which must send nothing in read-only mode. */
const WRITES: [string, (c: HomeserverConnection) => Promise<unknown>][] = [
  ['provision_user', (c) => c.provisionUser({ localpart: 'alice', subject: 'sub', locked: false })],
  ['upsert_device', (c) => c.upsertDevice('alice', 'DEVICEID01', 'Phone')],
  ['delete_device', (c) => c.deleteDevice('alice', 'DEVICEID01')],
  ['update_device_display_name', (c) => c.updateDeviceDisplayName('alice', 'DEVICEID01', 'x')],
  ['sync_devices', (c) => c.syncDevices('alice', new Set(['DEVICEID01']))],
  ['delete_user', (c) => c.deleteUser('alice', { erase: true })],
  ['reactivate_user', (c) => c.reactivateUser('alice')],
  ['set_displayname', (c) => c.setDisplayName('alice', 'Alice')],
  ['unset_displayname', (c) => c.unsetDisplayName('alice')],
  ['allow_cross_signing_reset', (c) => c.allowCrossSigningReset('alice')],
];

describe('homeserver connection, matrix.kind synapse_read_only', () => {
  let fake: RecordingHomeserver;
  let hs: HomeserverConnection;
  const debug: string[] = [];
  before(async () => {
    fake = await RecordingHomeserver.start();
    hs = connectionTo(fake, 'synapse_read_only', {}, debug);
  });
  after(() => fake.close());
  beforeEach(() => {
    fake.reset();
    debug.length = 0;
  });

  it('should read users from the modern API', async () => {
    const user = await hs.queryUser('alice');
    assert.equal(user.userId, '@alice:example.test');
    assertRequest(fake.requests[0], {
      method: 'GET',
      path: '/_synapse/mas/query_user',
      query: { localpart: 'alice' },
    });
  });

  it('should check localparts on the modern API and pass its failures on', async () => {
    assert.deepEqual(await hs.isLocalpartAvailable('alice'), { available: true });
    assertRequest(fake.requests[0], {
      method: 'GET',
      path: '/_synapse/mas/is_localpart_available',
      query: { localpart: 'alice' },
    });
    fake.always({ status: 404, body: { errcode: 'M_NOT_FOUND', error: 'User not found' } });
    await assert.rejects(hs.queryUser('bob'), HomeserverNotFound);
  });

  for (const [operation, write] of WRITES) {
    it(`should send nothing for ${operation} and log the skip at debug level`, async () => {
      const result = await write(hs);
      assert.equal(fake.requests.length, 0);
      assert.equal(debug.length, 1);
      assert.match(debug[0], new RegExp(`skipped ${operation} for alice`));
      if (operation === 'provision_user') assert.equal(result, 'skipped');
    });
  }

  it('should never write even when the homeserver is down', async () => {
    await fake.stop();
    try {
      for (const [, write] of WRITES) await write(hs);
      assert.equal(debug.length, WRITES.length);
    } finally {
      await fake.restart();
    }
  });
});

describe('homeserver connection factory (matrix.kind)', () => {
  let fake: RecordingHomeserver;
  before(async () => {
    fake = await RecordingHomeserver.start();
  });
  after(() => fake.close());

  it('should pick the modern API for synapse and synapse_modern, the admin API for synapse_legacy, and wrap the modern API for synapse_read_only', () => {
    assert.ok(connectionTo(fake, 'synapse') instanceof SynapseModernConnection);
    assert.ok(connectionTo(fake, 'synapse_modern') instanceof SynapseModernConnection);
    assert.ok(connectionTo(fake, 'synapse_legacy') instanceof SynapseLegacyConnection);
    assert.ok(connectionTo(fake, 'synapse_read_only') instanceof ReadOnlyHomeserverConnection);
  });
});
