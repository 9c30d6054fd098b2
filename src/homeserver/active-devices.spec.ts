import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { deviceIdsOfScopes } from './active-devices';

describe('deviceIdsOfScopes', () => {
  it('should collect the device of every stable and unstable device scope', () => {
    assert.deepEqual(
      deviceIdsOfScopes([
        ['openid', 'urn:matrix:client:api:*', 'urn:matrix:client:device:AAAAAAAAAA'],
        ['urn:matrix:org.matrix.msc2967.client:device:BBBBBBBBBB'],
        ['openid'],
        [],
      ]),
      ['AAAAAAAAAA', 'BBBBBBBBBB'],
    );
  });

  it('should skip a scope list that does not parse', () => {
    assert.deepEqual(
      deviceIdsOfScopes([['bad"scope', 'urn:matrix:client:device:AAAAAAAAAA'], []]),
      [],
    );
  });
});
