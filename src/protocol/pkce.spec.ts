import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { isValidCodeVerifier, verifyS256 } from './pkce';

// RFC 7636 Appendix B.
const VERIFIER = 'dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk';
const CHALLENGE = 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM';

describe('PKCE S256 (RFC 7636)', () => {
  it('should accept the RFC 7636 Appendix B example', () => {
    assert.equal(verifyS256(VERIFIER, CHALLENGE), true);
  });

  it('should refuse a verifier that does not hash to the challenge', () => {
    assert.equal(verifyS256(VERIFIER.replace('d', 'e'), CHALLENGE), false);
  });

  it('should refuse the plain method shape (verifier equal to the challenge)', () => {
    assert.equal(verifyS256(CHALLENGE, CHALLENGE), false);
  });

  it('should bound verifiers to 43-128 unreserved characters', () => {
    assert.equal(isValidCodeVerifier('a'.repeat(42)), false);
    assert.equal(isValidCodeVerifier('a'.repeat(43)), true);
    assert.equal(isValidCodeVerifier('a'.repeat(128)), true);
    assert.equal(isValidCodeVerifier('a'.repeat(129)), false);
    assert.equal(isValidCodeVerifier(`${'a'.repeat(42)}+`), false);
  });
});
