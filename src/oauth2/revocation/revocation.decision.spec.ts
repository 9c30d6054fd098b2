import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SeededRng } from '../../../test/fakes/seeded-rng';
import { generateToken, OAuthError, TokenType } from '../../core';
import {
  decideRevocation,
  parseTokenTypeHint,
  type RevocationContext,
  revocableKind,
} from './revocation.decision';

const NOW = new Date('2024-06-01T12:00:00.000Z');
const EARLIER = new Date(NOW.getTime() - 1000);
const LATER = new Date(NOW.getTime() + 1000);
const CLIENT = '01J0000000000000000000000A';
const OTHER = '01J0000000000000000000000B';
const SESSION = '01J0000000000000000000000S';

describe('parseTokenTypeHint (RFC 7009 §2.1)', () => {
  it('should accept access_token and refresh_token and treat absent or empty as no hint', () => {
    assert.equal(parseTokenTypeHint('access_token'), 'access_token');
    assert.equal(parseTokenTypeHint('refresh_token'), 'refresh_token');
    assert.equal(parseTokenTypeHint(undefined), undefined);
    assert.equal(parseTokenTypeHint(''), undefined);
  });

  it('should refuse any other hint with unsupported_token_type', () => {
    for (const hint of ['id_token', 'ACCESS_TOKEN', 'pct', 'access_token ']) {
      assert.throws(
        () => parseTokenTypeHint(hint),
        (e) => e instanceof OAuthError && e.code === 'unsupported_token_type',
        hint,
      );
    }
  });
});

describe('revocableKind (prefix and checksum, RFC 7009 §2.2)', () => {
  const rng = new SeededRng('revocation');

  it('should recognise OAuth 2.0 access and refresh tokens', () => {
    assert.equal(revocableKind(generateToken(TokenType.AccessToken, rng)), 'access_token');
    assert.equal(revocableKind(generateToken(TokenType.RefreshToken, rng)), 'refresh_token');
  });

  it('should not revoke compat, personal or imported Synapse tokens', () => {
    assert.equal(revocableKind(generateToken(TokenType.CompatAccessToken, rng)), null);
    assert.equal(revocableKind(generateToken(TokenType.CompatRefreshToken, rng)), null);
    assert.equal(revocableKind(generateToken(TokenType.PersonalAccessToken, rng)), null);
    assert.equal(revocableKind('syt_dXNlcg_abcdefghijklmnopqrst_0abcde'), null);
    assert.equal(revocableKind('syr_abc'), null);
  });

  it('should answer null, never throw, for malformed tokens and bad checksums', () => {
    const good = generateToken(TokenType.AccessToken, rng);
    const badChecksum = `${good.slice(0, -1)}${good.endsWith('0') ? '1' : '0'}`;
    for (const raw of ['', 'x', 'mat_', 'mat__', 'mat_a_b', badChecksum, `${good}_x`, '💥']) {
      assert.equal(revocableKind(raw), null, raw);
    }
  });
});

describe('decideRevocation (RFC 7009 §2.1, §2.2)', () => {
  const session = { id: SESSION, oauth2ClientId: CLIENT, finishedAt: null };
  const access = { kind: 'access_token' as const, revokedAt: null, expiresAt: LATER };
  const refresh = { kind: 'refresh_token' as const, revokedAt: null, consumedAt: null };
  const decide = (over: Partial<RevocationContext>) =>
    decideRevocation({ token: access, session, clientId: CLIENT, now: NOW, ...over });

  it('should end the session of a valid access or refresh token of the caller', () => {
    const end = { action: 'end_session', sessionId: SESSION };
    assert.deepEqual(decide({}), end);
    assert.deepEqual(decide({ token: { ...access, expiresAt: null } }), end);
    assert.deepEqual(decide({ token: refresh }), end);
  });

  it('should ignore unknown tokens and tokens without a session', () => {
    assert.deepEqual(decide({ token: null }), { action: 'ignore', reason: 'unknown' });
    assert.deepEqual(decide({ session: null }), { action: 'ignore', reason: 'unknown' });
  });

  it('should ignore revoked, expired and consumed tokens', () => {
    const inactive = { action: 'ignore', reason: 'inactive' };
    assert.deepEqual(decide({ token: { ...access, revokedAt: EARLIER } }), inactive);
    assert.deepEqual(decide({ token: { ...access, expiresAt: EARLIER } }), inactive);
    assert.deepEqual(decide({ token: { ...access, expiresAt: NOW } }), inactive);
    assert.deepEqual(decide({ token: { ...refresh, revokedAt: EARLIER } }), inactive);
    assert.deepEqual(decide({ token: { ...refresh, consumedAt: EARLIER } }), inactive);
  });

  it('should ignore a token of a finished session', () => {
    assert.deepEqual(decide({ session: { ...session, finishedAt: EARLIER } }), {
      action: 'ignore',
      reason: 'session_finished',
    });
  });

  it('should refuse a valid token issued to another client', () => {
    assert.deepEqual(decide({ clientId: OTHER }), { action: 'refuse' });
    assert.deepEqual(decide({ clientId: OTHER, token: refresh }), { action: 'refuse' });
  });

  it('should not reveal to another client whether an inactive token exists', () => {
    assert.deepEqual(decide({ clientId: OTHER, token: { ...access, revokedAt: EARLIER } }), {
      action: 'ignore',
      reason: 'inactive',
    });
    assert.deepEqual(decide({ clientId: OTHER, session: { ...session, finishedAt: EARLIER } }), {
      action: 'ignore',
      reason: 'session_finished',
    });
  });
});
