import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { registrationErrorFor } from './violation';

describe('registrationErrorFor (RFC 7591 §3.2.2, MAS error mapping)', () => {
  it('should answer invalid_redirect_uri when any violation concerns redirect URIs', () => {
    const r = registrationErrorFor([
      { field: 'client_uri', msg: 'invalid client_uri' },
      { field: 'redirect_uris', msg: 'invalid redirect_uri' },
    ]);
    assert.deepEqual(r, {
      code: 'invalid_redirect_uri',
      description: 'invalid client_uri; invalid redirect_uri',
    });
  });

  it('should answer invalid_client_metadata otherwise', () => {
    const r = registrationErrorFor([{ field: 'tos_uri', msg: 'invalid tos_uri' }]);
    assert.deepEqual(r, { code: 'invalid_client_metadata', description: 'invalid tos_uri' });
  });
});
