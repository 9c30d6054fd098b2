import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { HomeserverUnauthorized, HomeserverUnreachable } from '../homeserver/homeserver-errors';
import { judgeFailure } from './job-failure';

describe('judgeFailure', () => {
  it('should retry a transient homeserver error', () => {
    const verdict = judgeFailure(
      new HomeserverUnreachable('sync_devices', false, 'could not reach the homeserver'),
    );
    assert.deepEqual(verdict, {
      retry: true,
      message: 'sync_devices: could not reach the homeserver',
      known: true,
    });
  });

  it('should not retry a permanent homeserver error', () => {
    const verdict = judgeFailure(new HomeserverUnauthorized('provision_user', 403, 'M_UNKNOWN'));
    assert.equal(verdict.retry, false);
    assert.match(verdict.message, /refused the shared secret/);
  });

  it('should retry an unknown error and say it is unknown', () => {
    assert.deepEqual(judgeFailure(new Error('connection terminated')), {
      retry: true,
      message: 'connection terminated',
      known: false,
    });
    assert.equal(judgeFailure('odd').message, 'odd');
  });
});
