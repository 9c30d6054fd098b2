import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { signingAlgViolations } from './signing-algs.rule';

describe('signing algorithms a client may ask for (OIDC Registration §2)', () => {
  const supported = ['RS256', 'ES256'];

  it('should accept absent or supported algorithms', () => {
    assert.deepEqual(signingAlgViolations({}, supported), []);
    assert.deepEqual(
      signingAlgViolations(
        { id_token_signed_response_alg: 'RS256', userinfo_signed_response_alg: 'ES256' },
        supported,
      ),
      [],
    );
  });

  it('should refuse algorithms no configured key can sign with, naming the field', () => {
    const v = signingAlgViolations(
      { id_token_signed_response_alg: 'HS256', userinfo_signed_response_alg: 'none' },
      supported,
    );
    assert.deepEqual(
      v.map((x) => x.field),
      ['id_token_signed_response_alg', 'userinfo_signed_response_alg'],
    );
    assert.match(v[0].msg, /'HS256' is not supported; use one of RS256, ES256/);
  });
});
