import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CompatAccessTokenEntity } from '../storage/compat/compat-access-token.entity';
import { CompatRefreshTokenEntity } from '../storage/compat/compat-refresh-token.entity';
import { CompatSessionEntity } from '../storage/compat/compat-session.entity';
import { OAuth2ClientEntity } from '../storage/oauth2/oauth2-client.entity';
import { OAuth2RefreshTokenEntity } from '../storage/oauth2/oauth2-refresh-token.entity';
import { OAuth2SessionEntity } from '../storage/oauth2/oauth2-session.entity';
import { PersonalAccessTokenEntity } from '../storage/personal/personal-access-token.entity';
import { PersonalSessionEntity } from '../storage/personal/personal-session.entity';
import { UserEntity } from '../storage/users/user.entity';
import { compatAccessInactiveReason, compatRefreshInactiveReason } from './compat-token-activity';
import { personalInactiveReason } from './personal-token-activity';
import { refreshInactiveReason } from './refresh-token-activity';
import { isExpired } from './token-activity';

const NOW = new Date('2024-01-01T00:00:00Z');
const BEFORE = new Date('2023-12-31T23:59:59Z');
const AFTER = new Date('2024-01-01T00:00:01Z');

function user(patch: Partial<UserEntity> = {}): UserEntity {
  return Object.assign(new UserEntity(), { id: 'U', lockedAt: null, deactivatedAt: null }, patch);
}

describe('isExpired', () => {
  it('should find a token expired at and after its instant, never when it has none', () => {
    assert.equal(isExpired(null, NOW), false);
    assert.equal(isExpired(AFTER, NOW), false);
    assert.equal(isExpired(NOW, NOW), true);
    assert.equal(isExpired(BEFORE, NOW), true);
  });
});

describe('refreshInactiveReason (OAuth 2.0 refresh tokens)', () => {
  function found(
    patch: {
      token?: Partial<OAuth2RefreshTokenEntity>;
      session?: Partial<OAuth2SessionEntity>;
      user?: Partial<UserEntity> | null;
    } = {},
  ) {
    const u = patch.user === null ? null : user(patch.user);
    return {
      token: Object.assign(
        new OAuth2RefreshTokenEntity(),
        { revokedAt: null, consumedAt: null },
        patch.token,
      ),
      session: Object.assign(
        new OAuth2SessionEntity(),
        { finishedAt: null, userId: u?.id ?? null },
        patch.session,
      ),
      client: new OAuth2ClientEntity(),
      user: u,
    };
  }

  it('should find a valid token of a live session and usable (or no) user active', () => {
    assert.equal(refreshInactiveReason(found()), null);
    assert.equal(refreshInactiveReason(found({ user: null })), null);
  });

  it('should name each reason a refresh token is inactive', () => {
    const cases: [ReturnType<typeof found>, string][] = [
      [found({ token: { revokedAt: BEFORE } }), 'revoked'],
      [found({ token: { consumedAt: BEFORE } }), 'consumed'],
      [found({ session: { finishedAt: BEFORE } }), 'session_finished'],
      [found({ user: null, session: { userId: 'U' } }), 'user_missing'],
      [found({ user: { lockedAt: BEFORE } }), 'user_locked'],
      [found({ user: { deactivatedAt: BEFORE } }), 'user_deactivated'],
    ];
    for (const [input, reason] of cases) assert.equal(refreshInactiveReason(input), reason);
  });
});

describe('compat token activity', () => {
  const session = (patch: Partial<CompatSessionEntity> = {}) =>
    Object.assign(new CompatSessionEntity(), { finishedAt: null, deviceId: 'D' }, patch);

  it('should find a compat access token active until it expires, forever without expiry', () => {
    const access = (expiresAt: Date | null) => ({
      token: Object.assign(new CompatAccessTokenEntity(), { expiresAt }),
      session: session(),
      user: user(),
    });
    assert.equal(compatAccessInactiveReason(access(null), NOW), null);
    assert.equal(compatAccessInactiveReason(access(AFTER), NOW), null);
    assert.equal(compatAccessInactiveReason(access(NOW), NOW), 'expired');
  });

  it('should name each reason a compat access token is inactive', () => {
    const token = Object.assign(new CompatAccessTokenEntity(), { expiresAt: null });
    const cases: [Parameters<typeof compatAccessInactiveReason>[0], string][] = [
      [{ token, session: session({ finishedAt: BEFORE }), user: user() }, 'session_finished'],
      [{ token, session: session(), user: user({ lockedAt: BEFORE }) }, 'user_locked'],
      [{ token, session: session(), user: user({ deactivatedAt: BEFORE }) }, 'user_deactivated'],
    ];
    for (const [input, reason] of cases)
      assert.equal(compatAccessInactiveReason(input, NOW), reason);
  });

  it('should name each reason a compat refresh token is inactive', () => {
    const token = (consumedAt: Date | null) =>
      Object.assign(new CompatRefreshTokenEntity(), { consumedAt });
    assert.equal(
      compatRefreshInactiveReason({ token: token(null), session: session(), user: user() }),
      null,
    );
    const cases: [Parameters<typeof compatRefreshInactiveReason>[0], string][] = [
      [{ token: token(BEFORE), session: session(), user: user() }, 'consumed'],
      [
        { token: token(null), session: session({ finishedAt: BEFORE }), user: user() },
        'session_finished',
      ],
      [{ token: token(null), session: session(), user: user({ lockedAt: BEFORE }) }, 'user_locked'],
      [
        { token: token(null), session: session(), user: user({ deactivatedAt: BEFORE }) },
        'user_deactivated',
      ],
    ];
    for (const [input, reason] of cases) assert.equal(compatRefreshInactiveReason(input), reason);
  });
});

describe('personalInactiveReason', () => {
  function found(
    patch: {
      token?: Partial<PersonalAccessTokenEntity>;
      session?: Partial<PersonalSessionEntity>;
      actor?: Partial<UserEntity>;
      ownerUser?: Partial<UserEntity> | null;
      ownerClient?: OAuth2ClientEntity | null;
    } = {},
  ) {
    const ownerUser = patch.ownerUser === null ? null : user({ id: 'O', ...patch.ownerUser });
    return {
      token: Object.assign(
        new PersonalAccessTokenEntity(),
        { revokedAt: null, expiresAt: AFTER },
        patch.token,
      ),
      session: Object.assign(
        new PersonalSessionEntity(),
        { revokedAt: null, ownerUserId: 'O', ownerOAuth2ClientId: null },
        patch.session,
      ),
      actor: user({ id: 'A', ...patch.actor }),
      ownerUser,
      ownerClient: patch.ownerClient ?? null,
    };
  }
  const clientOwned = (ownerClient: OAuth2ClientEntity | null) =>
    found({
      session: { ownerUserId: null, ownerOAuth2ClientId: 'C' },
      ownerUser: null,
      ownerClient,
    });

  it('should find a live token of a live session, usable actor and owner active', () => {
    assert.equal(personalInactiveReason(found(), NOW), null);
    assert.equal(personalInactiveReason(found({ token: { expiresAt: null } }), NOW), null);
    assert.equal(personalInactiveReason(clientOwned(new OAuth2ClientEntity()), NOW), null);
  });

  it('should name each reason a personal token is inactive', () => {
    const cases: [ReturnType<typeof found>, string][] = [
      [found({ token: { revokedAt: BEFORE } }), 'revoked'],
      [found({ token: { expiresAt: NOW } }), 'expired'],
      [found({ session: { revokedAt: BEFORE } }), 'session_finished'],
      [found({ actor: { lockedAt: BEFORE } }), 'user_locked'],
      [found({ actor: { deactivatedAt: BEFORE } }), 'user_deactivated'],
      [found({ ownerUser: { lockedAt: BEFORE } }), 'owner_locked'],
      [found({ ownerUser: { deactivatedAt: BEFORE } }), 'owner_deactivated'],
      [found({ ownerUser: null }), 'owner_missing'],
      [clientOwned(null), 'owner_missing'],
    ];
    for (const [input, reason] of cases) assert.equal(personalInactiveReason(input, NOW), reason);
  });
});
