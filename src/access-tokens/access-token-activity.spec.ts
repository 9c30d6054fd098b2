import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { OAuth2AccessTokenEntity } from '../storage/oauth2/oauth2-access-token.entity';
import { OAuth2ClientEntity } from '../storage/oauth2/oauth2-client.entity';
import { OAuth2SessionEntity } from '../storage/oauth2/oauth2-session.entity';
import { UserEntity } from '../storage/users/user.entity';
import type { AccessTokenWithContext } from '../storage/oauth2/oauth2-access-token.repository';
import { inactiveReason } from './access-token-activity';

const NOW = new Date('2024-01-01T00:00:00Z');
const BEFORE = new Date('2023-12-31T23:59:59Z');
const AFTER = new Date('2024-01-01T00:00:01Z');

function found(
  patch: {
    token?: Partial<OAuth2AccessTokenEntity>;
    session?: Partial<OAuth2SessionEntity>;
    user?: Partial<UserEntity> | null;
  } = {},
): AccessTokenWithContext {
  const user =
    patch.user === null
      ? null
      : Object.assign(
          new UserEntity(),
          { id: 'U', lockedAt: null, deactivatedAt: null },
          patch.user,
        );
  return {
    token: Object.assign(
      new OAuth2AccessTokenEntity(),
      { revokedAt: null, expiresAt: AFTER },
      patch.token,
    ),
    session: Object.assign(
      new OAuth2SessionEntity(),
      { finishedAt: null, userId: user?.id ?? null },
      patch.session,
    ),
    client: new OAuth2ClientEntity(),
    user,
  };
}

describe('inactiveReason', () => {
  it('should find an unexpired, unrevoked token of a live session and usable user active', () => {
    assert.equal(inactiveReason(found(), NOW), null);
    assert.equal(inactiveReason(found({ token: { expiresAt: null } }), NOW), null);
  });

  it('should find a client_credentials token (no user) active', () => {
    assert.equal(inactiveReason(found({ user: null }), NOW), null);
  });

  it('should name each reason a token is inactive', () => {
    const cases: [ReturnType<typeof found>, string][] = [
      [found({ token: { revokedAt: BEFORE } }), 'revoked'],
      [found({ token: { expiresAt: NOW } }), 'expired'],
      [found({ token: { expiresAt: BEFORE } }), 'expired'],
      [found({ session: { finishedAt: BEFORE } }), 'session_finished'],
      [found({ user: null, session: { userId: 'U' } }), 'user_missing'],
      [found({ user: { lockedAt: BEFORE } }), 'user_locked'],
      [found({ user: { deactivatedAt: BEFORE } }), 'user_deactivated'],
    ];
    for (const [input, reason] of cases) assert.equal(inactiveReason(input, NOW), reason);
  });
});
