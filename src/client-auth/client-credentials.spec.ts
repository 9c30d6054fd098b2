import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { OAuthError } from '../core';
import { JWT_BEARER_ASSERTION_TYPE } from './client-auth-method';
import { extractCredentials, parseBasicAuthorization } from './client-credentials';

const basic = (raw: string) => `Basic ${Buffer.from(raw).toString('base64')}`;

function throwsCode(fn: () => unknown, code: string): void {
  assert.throws(fn, (e) => e instanceof OAuthError && e.code === code);
}

describe('parseBasicAuthorization (RFC 6749 §2.3.1)', () => {
  it('should form-decode both the id and the secret', () => {
    assert.deepEqual(parseBasicAuthorization(basic('my%3Aid:s%3Ac+r%25t%C3%B6')), {
      clientId: 'my:id',
      clientSecret: 's:c r%tö',
    });
  });

  it('should split on the first colon only and accept an empty secret', () => {
    assert.deepEqual(parseBasicAuthorization(basic('id:a:b')), {
      clientId: 'id',
      clientSecret: 'a:b',
    });
    assert.deepEqual(parseBasicAuthorization(basic('id:')), { clientId: 'id', clientSecret: '' });
  });

  it('should accept the scheme in any case and return undefined without a header', () => {
    assert.equal(parseBasicAuthorization(undefined), undefined);
    assert.equal(parseBasicAuthorization(`bAsIc ${btoa('a:b')}`)?.clientId, 'a');
  });

  it('should refuse malformed Basic credentials as invalid_request', () => {
    for (const header of [
      'Basic',
      'Basic !!!',
      basic('no-colon'),
      basic(':secret'),
      basic('a:%zz'),
    ]) {
      throwsCode(() => parseBasicAuthorization(header), 'invalid_request');
    }
  });

  it('should refuse other schemes as invalid_client', () => {
    throwsCode(() => parseBasicAuthorization('Bearer abc'), 'invalid_client');
  });
});

describe('extractCredentials (RFC 6749 §2.3, RFC 7521 §4.2)', () => {
  const assertion = { client_assertion_type: JWT_BEARER_ASSERTION_TYPE, client_assertion: 'x.y.z' };

  it('should tell the four kinds apart', () => {
    assert.equal(extractCredentials(basic('a:b'), {}).kind, 'basic');
    assert.equal(
      extractCredentials(undefined, { client_id: 'a', client_secret: 'b' }).kind,
      'post',
    );
    assert.equal(extractCredentials(undefined, { client_id: 'a' }).kind, 'none');
    assert.deepEqual(extractCredentials(undefined, assertion), {
      kind: 'assertion',
      clientId: undefined,
      assertion: 'x.y.z',
    });
  });

  it('should refuse more than one method at once', () => {
    throwsCode(() => extractCredentials(basic('a:b'), { client_secret: 'b' }), 'invalid_request');
    throwsCode(() => extractCredentials(basic('a:b'), assertion), 'invalid_request');
    throwsCode(
      () => extractCredentials(undefined, { ...assertion, client_id: 'a', client_secret: 'b' }),
      'invalid_request',
    );
  });

  it('should refuse incomplete or unknown assertions', () => {
    throwsCode(() => extractCredentials(undefined, { client_assertion: 'x' }), 'invalid_request');
    throwsCode(
      () => extractCredentials(undefined, { client_assertion_type: JWT_BEARER_ASSERTION_TYPE }),
      'invalid_request',
    );
    throwsCode(
      () => extractCredentials(undefined, { ...assertion, client_assertion_type: 'urn:x' }),
      'invalid_client',
    );
  });

  it('should refuse a missing client_id and repeated parameters', () => {
    throwsCode(() => extractCredentials(undefined, {}), 'invalid_client');
    throwsCode(() => extractCredentials(undefined, { client_secret: 'b' }), 'invalid_request');
    throwsCode(() => extractCredentials(undefined, { client_id: ['a', 'a'] }), 'invalid_request');
  });

  it('should require a form client_id to equal the Basic one', () => {
    throwsCode(() => extractCredentials(basic('a:b'), { client_id: 'c' }), 'invalid_request');
    assert.equal(extractCredentials(basic('a:b'), { client_id: 'a' }).kind, 'basic');
  });
});
