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
  LocalpartUnavailable,
} from '../../src/homeserver/homeserver-errors';
import { RecordingHomeserver } from '../fakes/recording-homeserver';
import {
  assertRequest,
  connectionTo,
  type ExpectedRequest,
  matrixConfig,
  SECRET,
  TEST_TIMEOUT_MS,
} from './homeserver-fixtures';
import { createHomeserverConnection } from '../../src/homeserver/create-homeserver-connection';

const USER = {
  user_id: '@alice:example.test',
  display_name: 'Alice',
  avatar_url: 'mxc://example.test/abc',
  is_suspended: false,
  is_deactivated: true,
};

interface OperationCase {
  operation: HomeserverOperation;
  call(c: HomeserverConnection): Promise<unknown>;
  request: ExpectedRequest;
  /** The success statuses Synapse documents for it (CONTRACTS §3). */
  success: number[];
  /** The success body (empty object unless given). */
  answer?: unknown;
}

const mas = (operation: string) => `/_synapse/mas/${operation}`;

/** Every operation of CONTRACTS §3, with the exact request it must send. */
const OPERATIONS: OperationCase[] = [
  {
    operation: 'query_user',
    call: (c) => c.queryUser('alice'),
    request: { method: 'GET', path: mas('query_user'), query: { localpart: 'alice' } },
    success: [200],
    answer: USER,
  },
  {
    operation: 'provision_user',
    call: (c) =>
      c.provisionUser({
        localpart: 'alice',
        subject: '01HZZZZZZZZZZZZZZZZZZZZZZZ',
        displayName: { set: 'Alice' },
        avatarUrl: { unset: true },
        emails: { set: ['alice@example.org', 'a2@example.org'] },
        locked: false,
      }),
    request: {
      method: 'POST',
      path: mas('provision_user'),
      body: {
        localpart: 'alice',
        set_displayname: 'Alice',
        unset_avatar_url: true,
        set_emails: ['alice@example.org', 'a2@example.org'],
        locked: false,
      },
    },
    success: [201, 200],
  },
  {
    operation: 'is_localpart_available',
    call: (c) => c.isLocalpartAvailable('alice'),
    request: { method: 'GET', path: mas('is_localpart_available'), query: { localpart: 'alice' } },
    success: [200],
  },
  {
    operation: 'upsert_device',
    call: (c) => c.upsertDevice('alice', 'DEVICEID01', 'Element on Linux'),
    request: {
      method: 'POST',
      path: mas('upsert_device'),
      body: { localpart: 'alice', device_id: 'DEVICEID01', display_name: 'Element on Linux' },
    },
    success: [201, 200],
  },
  {
    operation: 'delete_device',
    call: (c) => c.deleteDevice('alice', 'DEVICEID01'),
    request: {
      method: 'POST',
      path: mas('delete_device'),
      body: { localpart: 'alice', device_id: 'DEVICEID01' },
    },
    success: [204],
  },
  {
    operation: 'update_device_display_name',
    call: (c) => c.updateDeviceDisplayName('alice', 'DEVICEID01', 'Work laptop'),
    request: {
      method: 'POST',
      path: mas('update_device_display_name'),
      body: { localpart: 'alice', device_id: 'DEVICEID01', display_name: 'Work laptop' },
    },
    success: [200],
  },
  {
    operation: 'sync_devices',
    call: (c) => c.syncDevices('alice', new Set(['DEVICEID01', 'DEVICEID02'])),
    request: {
      method: 'POST',
      path: mas('sync_devices'),
      body: { localpart: 'alice', devices: ['DEVICEID01', 'DEVICEID02'] },
    },
    success: [200],
  },
  {
    operation: 'delete_user',
    call: (c) => c.deleteUser('alice', { erase: true }),
    request: {
      method: 'POST',
      path: mas('delete_user'),
      body: { localpart: 'alice', erase: true },
    },
    success: [200],
  },
  {
    operation: 'reactivate_user',
    call: (c) => c.reactivateUser('alice'),
    request: { method: 'POST', path: mas('reactivate_user'), body: { localpart: 'alice' } },
    success: [200],
  },
  {
    operation: 'set_displayname',
    call: (c) => c.setDisplayName('alice', 'Alice A.'),
    request: {
      method: 'POST',
      path: mas('set_displayname'),
      body: { localpart: 'alice', displayname: 'Alice A.' },
    },
    success: [200],
  },
  {
    operation: 'unset_displayname',
    call: (c) => c.unsetDisplayName('alice'),
    request: { method: 'POST', path: mas('unset_displayname'), body: { localpart: 'alice' } },
    success: [200],
  },
  {
    operation: 'allow_cross_signing_reset',
    call: (c) => c.allowCrossSigningReset('alice'),
    request: {
      method: 'POST',
      path: mas('allow_cross_signing_reset'),
      body: { localpart: 'alice' },
    },
    success: [200],
  },
];

/** Runs `call` and returns the HomeserverError it throws (fails if it does not throw one). */
async function failureOf(call: Promise<unknown>): Promise<HomeserverError> {
  try {
    await call;
  } catch (error) {
    assert.ok(error instanceof HomeserverError, `not a HomeserverError: ${String(error)}`);
    return error;
  }
  assert.fail('the call succeeded');
}

for (const kind of ['synapse', 'synapse_modern'] as const) {
  describe(`homeserver connection, matrix.kind ${kind} (/_synapse/mas/*)`, () => {
    let fake: RecordingHomeserver;
    let hs: HomeserverConnection;
    before(async () => {
      fake = await RecordingHomeserver.start();
      hs = connectionTo(fake, kind);
    });
    after(() => fake.close());
    beforeEach(() => fake.reset());

    it('should name users @localpart:matrix.homeserver', () => {
      assert.equal(hs.homeserver, 'example.test');
      assert.equal(hs.mxid('alice'), '@alice:example.test');
    });

    for (const op of OPERATIONS) {
      for (const status of op.success) {
        it(`should send ${op.operation} as ${op.request.method} ${op.request.path} with the Bearer secret and take HTTP ${status} as success`, async () => {
          fake.on(op.request.method, op.request.path, { status, body: op.answer ?? {} });
          await op.call(hs);
          assert.equal(fake.requests.length, 1);
          assertRequest(fake.requests[0], op.request);
        });
      }

      for (const [status, errcode] of [
        [401, 'M_MISSING_TOKEN'],
        [403, 'M_UNKNOWN'],
      ] as const) {
        it(`should map HTTP ${status} ${errcode} on ${op.operation} to HomeserverUnauthorized without the secret`, async () => {
          // Even if the homeserver echoed the secret, the error must not carry it.
          fake.always({ status, body: { errcode, error: `bad token ${SECRET}` } });
          const error = await failureOf(op.call(hs));
          assert.ok(error instanceof HomeserverUnauthorized);
          assert.equal(error.status, status);
          assert.equal(error.operation, op.operation);
          assert.equal(error.transient, false);
          assert.ok(!error.message.includes(SECRET));
          assert.ok(!JSON.stringify(error).includes(SECRET));
        });
      }

      it(`should map 404 M_NOT_FOUND on ${op.operation} to HomeserverNotFound`, async () => {
        fake.always({ status: 404, body: { errcode: 'M_NOT_FOUND', error: 'User not found' } });
        const error = await failureOf(op.call(hs));
        assert.ok(error instanceof HomeserverNotFound);
        assert.match(error.message, /User not found/);
      });

      it(`should map HTTP 500 on ${op.operation} to a transient HomeserverUnexpectedResponse`, async () => {
        fake.always({ status: 500, body: { errcode: 'M_UNKNOWN', error: 'Internal error' } });
        const error = await failureOf(op.call(hs));
        assert.ok(error instanceof HomeserverUnexpectedResponse);
        assert.equal(error.status, 500);
        assert.equal(error.transient, true);
      });

      it(`should abandon ${op.operation} when the homeserver does not answer in time`, async () => {
        fake.always({ hang: true });
        const error = await failureOf(op.call(hs));
        assert.ok(error instanceof HomeserverUnreachable);
        assert.equal(error.timedOut, true);
        assert.equal(error.transient, true);
        assert.match(error.message, new RegExp(`within ${TEST_TIMEOUT_MS} ms`));
      });
    }

    it('should map 201 from provision_user to created and 200 to updated', async () => {
      const request = { localpart: 'alice', subject: 'sub' };
      fake.on('POST', mas('provision_user'), { status: 201, body: {} });
      assert.equal(await hs.provisionUser(request), 'created');
      fake.on('POST', mas('provision_user'), { status: 200, body: {} });
      assert.equal(await hs.provisionUser(request), 'updated');
    });

    it('should send only the localpart to provision_user when nothing else changes', async () => {
      await hs.provisionUser({ localpart: 'alice', subject: 'sub' });
      assertRequest(fake.requests[0], {
        method: 'POST',
        path: mas('provision_user'),
        body: { localpart: 'alice' },
      });
    });

    it('should send unset_* flags and locked: true for cleared fields and a lock', async () => {
      await hs.provisionUser({
        localpart: 'alice',
        subject: 'sub',
        displayName: { unset: true },
        avatarUrl: { set: 'mxc://example.test/a' },
        emails: { unset: true },
        locked: true,
      });
      assert.deepEqual(fake.requests[0]?.body, {
        localpart: 'alice',
        unset_displayname: true,
        set_avatar_url: 'mxc://example.test/a',
        unset_emails: true,
        locked: true,
      });
    });

    it('should refuse a provision_user success status Synapse never sends', async () => {
      fake.on('POST', mas('provision_user'), { status: 204 });
      const error = await failureOf(hs.provisionUser({ localpart: 'alice', subject: 'sub' }));
      assert.ok(error instanceof HomeserverUnexpectedResponse);
    });

    for (const [errcode, reason] of [
      ['M_INVALID_USERNAME', 'invalid_username'],
      ['M_USER_IN_USE', 'user_in_use'],
      ['M_EXCLUSIVE', 'exclusive'],
    ] as const) {
      it(`should answer ${errcode} from is_localpart_available as unavailable (${reason})`, async () => {
        fake.on('GET', mas('is_localpart_available'), {
          status: 400,
          body: { errcode, error: 'no' },
        });
        assert.deepEqual(await hs.isLocalpartAvailable('alice'), { available: false, reason });
      });

      it(`should throw LocalpartUnavailable (${reason}) when provision_user answers ${errcode}`, async () => {
        fake.on('POST', mas('provision_user'), { status: 400, body: { errcode, error: 'no' } });
        const error = await failureOf(hs.provisionUser({ localpart: 'alice', subject: 'sub' }));
        assert.ok(error instanceof LocalpartUnavailable);
        assert.equal(error.reason, reason);
      });
    }

    it('should answer 200 from is_localpart_available as available', async () => {
      assert.deepEqual(await hs.isLocalpartAvailable('alice'), { available: true });
    });

    it('should throw on another 400 from is_localpart_available rather than call it unavailable', async () => {
      fake.on('GET', mas('is_localpart_available'), {
        status: 400,
        body: { errcode: 'M_UNKNOWN', error: 'Missing localpart' },
      });
      const error = await failureOf(hs.isLocalpartAvailable('alice'));
      assert.ok(error instanceof HomeserverUnexpectedResponse);
      assert.equal(error.errcode, 'M_UNKNOWN');
    });

    it('should refuse a non-ASCII localpart without asking the homeserver', async () => {
      assert.deepEqual(await hs.isLocalpartAvailable('alicé'), {
        available: false,
        reason: 'not_ascii',
      });
      assert.equal(fake.requests.length, 0);
    });

    it('should percent-encode the localpart in the query', async () => {
      await hs.queryUser('a+b/c=d');
      assert.equal(fake.requests[0]?.query.localpart, 'a+b/c=d');
    });

    it('should map query_user fields to a MatrixUser', async () => {
      fake.on('GET', mas('query_user'), { status: 200, body: USER });
      assert.deepEqual(await hs.queryUser('alice'), {
        userId: '@alice:example.test',
        displayName: 'Alice',
        avatarUrl: 'mxc://example.test/abc',
        isSuspended: false,
        isDeactivated: true,
      });
    });

    it('should refuse a query_user answer that is not the documented JSON', async () => {
      fake.on('GET', mas('query_user'), { status: 200, raw: '<html>' });
      assert.ok((await failureOf(hs.queryUser('alice'))) instanceof HomeserverUnexpectedResponse);
      fake.on('GET', mas('query_user'), { status: 200, body: { display_name: 'x' } });
      assert.ok((await failureOf(hs.queryUser('alice'))) instanceof HomeserverUnexpectedResponse);
    });

    it('should omit display_name from upsert_device when none is given', async () => {
      await hs.upsertDevice('alice', 'DEVICEID01');
      assert.deepEqual(fake.requests[0]?.body, { localpart: 'alice', device_id: 'DEVICEID01' });
    });

    it('should send erase: false to delete_user when not erasing', async () => {
      await hs.deleteUser('alice', { erase: false });
      assert.deepEqual(fake.requests[0]?.body, { localpart: 'alice', erase: false });
    });

    it('should say that a homeserver without the MAS API (404 M_UNRECOGNIZED) is not a missing user', async () => {
      fake.always({
        status: 404,
        body: { errcode: 'M_UNRECOGNIZED', error: 'Unrecognized request' },
      });
      const error = await failureOf(hs.reactivateUser('alice'));
      assert.ok(error instanceof HomeserverUnexpectedResponse);
      assert.equal(error.transient, false);
      assert.match(error.message, /does not serve this API/);
    });

    it('should not follow a redirect', async () => {
      fake.always((req) =>
        req.path === '/elsewhere' ? { status: 200, body: {} } : { status: 302, raw: '' },
      );
      const error = await failureOf(hs.unsetDisplayName('alice'));
      assert.ok(error instanceof HomeserverUnexpectedResponse);
      assert.equal(error.status, 302);
      assert.equal(fake.requests.length, 1);
    });

    it('should refuse an answer larger than the size limit', async () => {
      const small = createHomeserverConnection(matrixConfig(kind, fake.endpoint), {
        maxResponseBytes: 1024,
      });
      fake.on('GET', mas('query_user'), { status: 200, body: { ...USER, pad: 'x'.repeat(4096) } });
      const error = await failureOf(small.queryUser('alice'));
      assert.ok(error instanceof HomeserverUnexpectedResponse);
      assert.match(error.message, /larger than 1024 bytes/);
    });

    it('should resolve paths below an endpoint with a path and no trailing slash', async () => {
      const prefixed = createHomeserverConnection(
        matrixConfig(kind, `${fake.endpoint}synapse`),
        {},
      );
      fake.always({ status: 200, body: {} });
      await prefixed.reactivateUser('alice');
      assert.equal(fake.requests[0]?.path, '/synapse/_synapse/mas/reactivate_user');
    });
  });
}

describe('homeserver connection to a homeserver that is down', () => {
  let fake: RecordingHomeserver;
  let hs: HomeserverConnection;
  before(async () => {
    fake = await RecordingHomeserver.start();
    hs = connectionTo(fake, 'synapse');
    await fake.stop();
  });
  after(() => fake.close());

  for (const op of OPERATIONS) {
    it(`should map a refused connection on ${op.operation} to HomeserverUnreachable`, async () => {
      const error = await failureOf(op.call(hs));
      assert.ok(error instanceof HomeserverUnreachable);
      assert.equal(error.timedOut, false);
      assert.equal(error.transient, true);
      assert.match(error.message, /ECONNREFUSED/);
      assert.ok(!error.message.includes(SECRET));
    });
  }
});
