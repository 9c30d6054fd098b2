import type { DataSource } from 'typeorm';
import { ulid } from 'ulid';
import { CryptoRng, generateToken, hashToken, SystemClock, TokenType } from '../../src/core';
import { CompatAccessTokenEntity } from '../../src/storage/compat/compat-access-token.entity';
import { CompatRefreshTokenEntity } from '../../src/storage/compat/compat-refresh-token.entity';
import { CompatSessionEntity } from '../../src/storage/compat/compat-session.entity';
import { PersonalAccessTokenEntity } from '../../src/storage/personal/personal-access-token.entity';
import { PersonalSessionEntity } from '../../src/storage/personal/personal-session.entity';
import { UserEntity } from '../../src/storage/users/user.entity';

const rng = new CryptoRng(new SystemClock());

/**
 * Rows of the session kinds that have no creation flow yet (compat logins, admin-issued
 * personal tokens), inserted directly, with the users they belong to.
 */
export class TokenRows {
  constructor(private readonly ds: DataSource) {}

  /** A user with a unique username, locked or deactivated when `patch` says so. */
  async user(patch: Partial<UserEntity> = {}): Promise<UserEntity> {
    const user = Object.assign(
      new UserEntity(),
      { id: ulid(), username: `u${ulid().toLowerCase()}`, createdAt: new Date() },
      patch,
    );
    await this.ds.getRepository(UserEntity).insert(user);
    return user;
  }

  /** A compat session (device `ABCDEFGHIJ` unless given) with one access and one refresh token. */
  async compat(
    o: {
      deviceId?: string | null;
      isSynapseAdmin?: boolean;
      expiresAt?: Date | null;
      /** The access token to store, e.g. an imported `syt_…`; a fresh `mct_…` otherwise. */
      raw?: string;
      user?: UserEntity;
    } = {},
  ) {
    const user = o.user ?? (await this.user());
    const session = Object.assign(new CompatSessionEntity(), {
      id: ulid(),
      userId: user.id,
      deviceId: o.deviceId === undefined ? 'ABCDEFGHIJ' : o.deviceId,
      createdAt: new Date(),
      isSynapseAdmin: o.isSynapseAdmin ?? false,
    });
    await this.ds.getRepository(CompatSessionEntity).insert(session);
    const access = o.raw ?? generateToken(TokenType.CompatAccessToken, rng);
    const accessId = ulid();
    const createdAt = new Date();
    await this.ds.getRepository(CompatAccessTokenEntity).insert({
      id: accessId,
      compatSessionId: session.id,
      accessTokenSha256: hashToken(access),
      createdAt,
      expiresAt: o.expiresAt ?? null,
    });
    const refresh = generateToken(TokenType.CompatRefreshToken, rng);
    await this.ds.getRepository(CompatRefreshTokenEntity).insert({
      id: ulid(),
      compatSessionId: session.id,
      compatAccessTokenId: accessId,
      refreshTokenSha256: hashToken(refresh),
      createdAt,
    });
    return { user, session, access, refresh, createdAt };
  }

  /** A personal session (owned by a fresh user unless given) and its token, valid for 1 h. */
  async personal(
    o: {
      owner?: { userId: string } | { clientId: string };
      actor?: UserEntity;
      scope?: string[];
      expiresAt?: Date | null;
    } = {},
  ) {
    const actor = o.actor ?? (await this.user());
    const owner = o.owner ?? { userId: (await this.user()).id };
    const session = Object.assign(new PersonalSessionEntity(), {
      id: ulid(),
      ownerUserId: 'userId' in owner ? owner.userId : null,
      ownerOAuth2ClientId: 'clientId' in owner ? owner.clientId : null,
      actorUserId: actor.id,
      humanName: 'CI bot',
      scopeList: o.scope ?? ['urn:matrix:client:api:*'],
      createdAt: new Date(),
    });
    await this.ds.getRepository(PersonalSessionEntity).insert(session);
    const raw = generateToken(TokenType.PersonalAccessToken, rng);
    const createdAt = new Date();
    await this.ds.getRepository(PersonalAccessTokenEntity).insert({
      id: ulid(),
      personalSessionId: session.id,
      accessTokenSha256: hashToken(raw),
      createdAt,
      expiresAt: o.expiresAt === undefined ? new Date(Date.now() + 3_600_000) : o.expiresAt,
    });
    return { actor, owner, session, raw, createdAt };
  }
}
