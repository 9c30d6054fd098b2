import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import type { HomeserverConnection } from '../../src/homeserver/homeserver-connection';
import {
  HomeserverError,
  HomeserverNotFound,
  type HomeserverOperation,
  HomeserverUnauthorized,
  HomeserverUnexpectedResponse,
  HomeserverUnreachable,
} from '../../src/homeserver/homeserver-errors';
import { RecordingHomeserver } from '../fakes/recording-homeserver';
import { assertRequest, connectionTo, type ExpectedRequest, SECRET } from './homeserver-fixtures';

const MXID = encodeURIComponent('@alice:example.test');
const USER_PATH = `/_synapse/admin/v2/users/${MXID}`;
const DEVICES_PATH = `${USER_PATH}/devices`;
const SUBJECT = '01HZZZZZZZZZZZZZZZZZZZZZZZ';

interface OperationCase {
  operation: HomeserverOperation;
  call(c: HomeserverConnection): Promise<unknown>;
  /** Every request the call makes, in order, against a cooperative homeserver. */
  requests: ExpectedRequest[];
}

/** Every operation over the admin API (inventory §7), with the exact requests it sends. */
const OPERATIONS: OperationCase[] = [
  {
    operation: 'query_user',
    call: (c) => c.queryUser('alice'),
    requests: [{ method: 'GET', path: USER_PATH }],
  },
  {
    operation: 'provision_user',
    call: (c) =>
      c.provisionUser({
        localpart: 'alice',
        subject: SUBJECT,
        displayName: { set: 'Alice' },
        avatarUrl: { unset: true },
        emails: { set: ['alice@example.org'] },
        locked: false,
      }),
    requests: [
      {
        method: 'PUT',
        path: USER_PATH,
        body: {
          external_ids: [{ auth_provider: 'oauth-delegated', external_id: SUBJECT }],
          displayname: 'Alice',
          avatar_url: '',
          threepids: [{ medium: 'email', address: 'alice@example.org' }],
          locked: false,
        },
      },
    ],
  },
  {
    operation: 'is_localpart_available',
    call: (c) => c.isLocalpartAvailable('alice'),
    requests: [
      {
        method: 'GET',
        path: '/_synapse/admin/v1/username_available',
        query: { username: 'alice' },
      },
    ],
  },
  {
    operation: 'upsert_device',
    call: (c) => c.upsertDevice('alice', 'DEVICE/01', 'Element'),
    requests: [
      { method: 'POST', path: DEVICES_PATH, body: { device_id: 'DEVICE/01' } },
      { method: 'PUT', path: `${DEVICES_PATH}/DEVICE%2F01`, body: { display_name: 'Element' } },
    ],
  },
  {
    operation: 'delete_device',
    call: (c) => c.deleteDevice('alice', 'DEVICEID01'),
    requests: [{ method: 'DELETE', path: `${DEVICES_PATH}/DEVICEID01` }],
  },
  {
    operation: 'update_device_display_name',
    call: (c) => c.updateDeviceDisplayName('alice', 'DEVICEID01', 'Work laptop'),
    requests: [
      { method: 'PUT', path: `${DEVICES_PATH}/DEVICEID01`, body: { display_name: 'Work laptop' } },
    ],
  },
  {
    operation: 'sync_devices',
    call: (c) => c.syncDevices('alice', new Set(['DEVICEID01'])),
    requests: [
      { method: 'GET', path: DEVICES_PATH },
      { method: 'POST', path: DEVICES_PATH, body: { device_id: 'DEVICEID01' } },
    ],
  },
  {
    operation: 'delete_user',
    call: (c) => c.deleteUser('alice', { erase: true }),
    requests: [
      { method: 'POST', path: `/_synapse/admin/v1/deactivate/${MXID}`, body: { erase: true } },
    ],
  },
  {
    operation: 'reactivate_user',
    call: (c) => c.reactivateUser('alice'),
    requests: [{ method: 'PUT', path: USER_PATH, body: { deactivated: false } }],
  },
  {
    operation: 'set_displayname',
    call: (c) => c.setDisplayName('alice', 'Alice A.'),
    requests: [
      {
        method: 'PUT',
        path: `/_matrix/client/v3/profile/${MXID}/displayname`,
        body: { displayname: 'Alice A.' },
      },
    ],
  },
  {
    operation: 'unset_displayname',
    call: (c) => c.unsetDisplayName('alice'),
    requests: [
      {
        method: 'PUT',
        path: `/_matrix/client/v3/profile/${MXID}/displayname`,
        body: { displayname: '' },
      },
    ],
  },
  {
    operation: 'allow_cross_signing_reset',
    call: (c) => c.allowCrossSigningReset('alice'),
    requests: [
      {
        method: 'POST',
        path: `/_synapse/admin/v1/users/${MXID}/_allow_cross_signing_replacement_without_uia`,
        body: {},
      },
    ],
  },
];

async function failureOf(call: Promise<unknown>): Promise<HomeserverError> {
  try {
    await call;
  } catch (error) {
    assert.ok(error instanceof HomeserverError, `not a HomeserverError: ${String(error)}`);
    return error;
  }
  assert.fail('the call succeeded');
}

describe('homeserver connection, matrix.kind synapse_legacy (Synapse admin API)', () => {
  let fake: RecordingHomeserver;
  let hs: HomeserverConnection;
  before(async () => {
    fake = await RecordingHomeserver.start();
    hs = connectionTo(fake, 'synapse_legacy');
  });
  after(() => fake.close());
  beforeEach(() => fake.reset());

  for (const op of OPERATIONS) {
    it(`should send ${op.operation} as ${op.requests.map((r) => r.method).join(' + ')} on the admin API with the Bearer secret`, async () => {
      await op.call(hs);
      assert.equal(fake.requests.length, op.requests.length);
      op.requests.forEach((expected, i) => assertRequest(fake.requests[i], expected));
    });

    it(`should map 403 on ${op.operation} to HomeserverUnauthorized without the secret`, async () => {
      fake.always({ status: 403, body: { errcode: 'M_FORBIDDEN', error: `no ${SECRET}` } });
      const error = await failureOf(op.call(hs));
      assert.ok(error instanceof HomeserverUnauthorized);
      assert.ok(!error.message.includes(SECRET));
    });

    it(`should map 404 M_NOT_FOUND on ${op.operation} to HomeserverNotFound`, async () => {
      fake.always({ status: 404, body: { errcode: 'M_NOT_FOUND', error: 'User not found' } });
      assert.ok((await failureOf(op.call(hs))) instanceof HomeserverNotFound);
    });

    it(`should abandon ${op.operation} when the homeserver hangs`, async () => {
      fake.always({ hang: true });
      const error = await failureOf(op.call(hs));
      assert.ok(error instanceof HomeserverUnreachable);
      assert.equal(error.timedOut, true);
    });
  }

  it('should map the admin user to a MatrixUser', async () => {
    fake.on('GET', USER_PATH, {
      status: 200,
      body: {
        name: '@alice:example.test',
        displayname: 'Alice',
        avatar_url: null,
        deactivated: false,
        suspended: true,
      },
    });
    assert.deepEqual(await hs.queryUser('alice'), {
      userId: '@alice:example.test',
      displayName: 'Alice',
      avatarUrl: null,
      isSuspended: true,
      isDeactivated: false,
    });
  });

  it('should map 201 from PUT users to created and 200 to updated', async () => {
    fake.on('PUT', USER_PATH, { status: 201, body: {} });
    assert.equal(await hs.provisionUser({ localpart: 'alice', subject: SUBJECT }), 'created');
    fake.on('PUT', USER_PATH, { status: 200, body: {} });
    assert.equal(await hs.provisionUser({ localpart: 'alice', subject: SUBJECT }), 'updated');
  });

  it('should clear fields with "" and [] and send only the external id otherwise', async () => {
    await hs.provisionUser({
      localpart: 'alice',
      subject: SUBJECT,
      displayName: { unset: true },
      emails: { unset: true },
    });
    await hs.provisionUser({ localpart: 'alice', subject: SUBJECT });
    assert.deepEqual(fake.requests[0]?.body, {
      external_ids: [{ auth_provider: 'oauth-delegated', external_id: SUBJECT }],
      displayname: '',
      threepids: [],
    });
    assert.deepEqual(fake.requests[1]?.body, {
      external_ids: [{ auth_provider: 'oauth-delegated', external_id: SUBJECT }],
    });
  });

  it('should answer available: false and M_USER_IN_USE alike, as unavailable', async () => {
    const path = '/_synapse/admin/v1/username_available';
    fake.on('GET', path, { status: 200, body: { available: false } });
    assert.deepEqual(await hs.isLocalpartAvailable('alice'), {
      available: false,
      reason: 'user_in_use',
    });
    fake.on('GET', path, { status: 400, body: { errcode: 'M_EXCLUSIVE', error: 'appservice' } });
    assert.deepEqual(await hs.isLocalpartAvailable('alice'), {
      available: false,
      reason: 'exclusive',
    });
    fake.on('GET', path, { status: 200, body: { available: true } });
    assert.deepEqual(await hs.isLocalpartAvailable('alice'), { available: true });
  });

  it('should create a device without renaming it when no display name is given', async () => {
    await hs.upsertDevice('alice', 'DEVICEID01');
    assert.equal(fake.requests.length, 1);
    assertRequest(fake.requests[0], {
      method: 'POST',
      path: DEVICES_PATH,
      body: { device_id: 'DEVICEID01' },
    });
  });

  it('should sync devices by deleting the extra ones and creating the missing ones, leaving dehydrated devices alone', async () => {
    fake.on('GET', DEVICES_PATH, {
      status: 200,
      body: {
        devices: [
          { device_id: 'KEEP000001' },
          { device_id: 'GONE000001' },
          { device_id: 'GONE000002', dehydrated: false },
          { device_id: 'DEHYDRATED', dehydrated: true },
        ],
        total: 4,
      },
    });
    await hs.syncDevices('alice', new Set(['KEEP000001', 'NEW0000001']));
    assert.equal(fake.requests.length, 3);
    assertRequest(fake.requests[0], { method: 'GET', path: DEVICES_PATH });
    assertRequest(fake.requests[1], {
      method: 'POST',
      path: `${USER_PATH}/delete_devices`,
      body: { devices: ['GONE000001', 'GONE000002'] },
    });
    assertRequest(fake.requests[2], {
      method: 'POST',
      path: DEVICES_PATH,
      body: { device_id: 'NEW0000001' },
    });
  });

  it('should send no delete_devices when no device is extra', async () => {
    fake.on('GET', DEVICES_PATH, {
      status: 200,
      body: { devices: [{ device_id: 'KEEP000001' }], total: 1 },
    });
    await hs.syncDevices('alice', new Set(['KEEP000001']));
    assert.deepEqual(
      fake.requests.map((r) => `${r.method} ${r.path}`),
      [`GET ${DEVICES_PATH}`],
    );
  });

  it('should refuse a device list without devices', async () => {
    fake.on('GET', DEVICES_PATH, { status: 200, body: { total: 0 } });
    const error = await failureOf(hs.syncDevices('alice', new Set()));
    assert.ok(error instanceof HomeserverUnexpectedResponse);
  });
});
