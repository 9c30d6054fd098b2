import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { checkCodeRedemption, CODE_EXCHANGE_WINDOW_MS } from './authorization-grant.state';
import type { OAuth2AuthorizationGrantEntity } from './oauth2-authorization-grant.entity';
import type { OAuth2RefreshTokenEntity } from './oauth2-refresh-token.entity';
import { decideRefresh } from './refresh-token.state';

const T0 = new Date('2026-01-01T00:00:00Z');
const at = (ms: number) => new Date(T0.getTime() + ms);
const VERIFIER = 'dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk';
const CHALLENGE = 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM';

function grant(over: Partial<OAuth2AuthorizationGrantEntity> = {}): OAuth2AuthorizationGrantEntity {
  return {
    id: 'g',
    oauth2ClientId: 'client',
    oauth2SessionId: null,
    redirectUri: 'https://app.example/cb',
    codeChallenge: CHALLENGE,
    codeChallengeMethod: 'S256',
    fulfilledAt: T0,
    cancelledAt: null,
    exchangedAt: null,
    rawParameters: { redirect_uri: 'https://app.example/cb' },
    ...over,
  } as OAuth2AuthorizationGrantEntity;
}

const req = { clientId: 'client', redirectUri: 'https://app.example/cb', codeVerifier: VERIFIER };

describe('authorization code redemption (RFC 6749 §4.1.3, RFC 7636)', () => {
  it('should accept a fresh code with the right client, redirect_uri and verifier', () => {
    assert.deepEqual(checkCodeRedemption(grant(), req, at(1000)), { ok: true });
  });

  it('should accept a missing redirect_uri only when the authorization request had none', () => {
    const omitted = grant({ rawParameters: { client_id: 'client' } });
    assert.deepEqual(checkCodeRedemption(omitted, { ...req, redirectUri: undefined }, at(1000)), {
      ok: true,
    });
    const other = checkCodeRedemption(
      omitted,
      { ...req, redirectUri: 'https://x.example/' },
      at(0),
    );
    assert.equal(!other.ok && other.reason, 'redirect_uri_mismatch');
  });

  const refusals: [
    string,
    Partial<OAuth2AuthorizationGrantEntity>,
    Partial<typeof req>,
    number,
    string,
  ][] = [
    ['a pending grant', { fulfilledAt: null }, {}, 0, 'not_fulfilled'],
    ['a cancelled grant', { cancelledAt: T0 }, {}, 0, 'not_fulfilled'],
    ['another client', {}, { clientId: 'other' }, 0, 'wrong_client'],
    ['a code older than 10 minutes', {}, {}, CODE_EXCHANGE_WINDOW_MS + 1, 'expired'],
    [
      'a different redirect_uri',
      {},
      { redirectUri: 'https://app.example/other' },
      0,
      'redirect_uri_mismatch',
    ],
    ['a missing redirect_uri', {}, { redirectUri: undefined }, 0, 'redirect_uri_mismatch'],
    ['a missing verifier', {}, { codeVerifier: undefined }, 0, 'pkce_required'],
    ['a wrong verifier', {}, { codeVerifier: VERIFIER.replace('d', 'e') }, 0, 'pkce_failed'],
    [
      'a verifier without a challenge (PKCE downgrade)',
      { codeChallenge: null, codeChallengeMethod: null },
      {},
      0,
      'pkce_unexpected',
    ],
    [
      'the plain method',
      { codeChallengeMethod: 'plain', codeChallenge: VERIFIER },
      {},
      0,
      'pkce_failed',
    ],
  ];
  for (const [name, g, r, dt, reason] of refusals) {
    it(`should refuse ${name}`, () => {
      const result = checkCodeRedemption(grant(g), { ...req, ...r }, at(dt));
      assert.equal(result.ok, false);
      assert.equal(!result.ok && result.reason, reason);
    });
  }

  it('should refuse a replay and end the session only after 20 seconds', () => {
    const exchanged = grant({ exchangedAt: T0, oauth2SessionId: 'session' });
    const early = checkCodeRedemption(exchanged, req, at(5_000));
    assert.deepEqual(early, { ok: false, reason: 'replayed', endSessionId: undefined });
    const late = checkCodeRedemption(exchanged, req, at(21_000));
    assert.deepEqual(late, { ok: false, reason: 'replayed', endSessionId: 'session' });
  });
});

function rt(over: Partial<OAuth2RefreshTokenEntity> = {}): OAuth2RefreshTokenEntity {
  return {
    id: 'r1',
    oauth2AccessTokenId: 'a1',
    consumedAt: null,
    revokedAt: null,
    ...over,
  } as OAuth2RefreshTokenEntity;
}

describe('refresh token decisions (RFC 6749 §6, RFC 9700 §4.14.2)', () => {
  it('should rotate a valid token', () => {
    assert.deepEqual(decideRefresh({ token: rt(), sessionFinished: false, successor: null }), {
      action: 'rotate',
    });
  });

  it('should recover a lost response when the successor pair was never used', () => {
    const successor = {
      token: rt({ id: 'r2', oauth2AccessTokenId: 'a2' }),
      accessTokenUsed: false,
    };
    assert.deepEqual(
      decideRefresh({ token: rt({ consumedAt: T0 }), sessionFinished: false, successor }),
      {
        action: 'recover',
        unusedSuccessorId: 'r2',
        unusedAccessTokenId: 'a2',
      },
    );
  });

  it('should treat reuse after the successor was used as a replay that ends the session', () => {
    for (const successor of [
      { token: rt({ id: 'r2' }), accessTokenUsed: true },
      { token: rt({ id: 'r2', consumedAt: T0 }), accessTokenUsed: false },
      { token: rt({ id: 'r2', revokedAt: T0 }), accessTokenUsed: false },
      null,
    ]) {
      assert.deepEqual(
        decideRefresh({ token: rt({ consumedAt: T0 }), sessionFinished: false, successor }),
        {
          action: 'reject',
          reason: 'replayed',
          endSession: true,
        },
      );
    }
  });

  it('should refuse a revoked token or a finished session without more side effects', () => {
    assert.equal(
      decideRefresh({ token: rt({ revokedAt: T0 }), sessionFinished: false, successor: null })
        .action,
      'reject',
    );
    assert.deepEqual(decideRefresh({ token: rt(), sessionFinished: true, successor: null }), {
      action: 'reject',
      reason: 'session_finished',
      endSession: false,
    });
  });
});
