import { createHash, randomBytes } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { ulid } from 'ulid';
import { UserSessionEntity } from '../../src/storage/browser-sessions/user-session.entity';
import { OAuth2ClientEntity } from '../../src/storage/oauth2/oauth2-client.entity';
import { OAuth2SessionEntity } from '../../src/storage/oauth2/oauth2-session.entity';
import { UserEntity } from '../../src/storage/users/user.entity';

/** SHA-256 of a fresh random token, as the token columns store it. */
export function randomTokenHash(): Buffer {
  return createHash('sha256').update(randomBytes(32)).digest();
}

/** Inserts a user with a unique username (or `username`). */
export async function addUser(ds: DataSource, username = `user-${ulid()}`): Promise<UserEntity> {
  return ds.getRepository(UserEntity).save({ id: ulid(), username, createdAt: new Date() });
}

/** Inserts an open browser session of `userId`. */
export async function addUserSession(ds: DataSource, userId: string): Promise<UserSessionEntity> {
  return ds.getRepository(UserSessionEntity).save({ id: ulid(), userId, createdAt: new Date() });
}

/** Inserts a dynamically registered public client. */
export async function addClient(ds: DataSource): Promise<OAuth2ClientEntity> {
  return ds.getRepository(OAuth2ClientEntity).save({
    id: ulid(),
    redirectUris: ['https://app.example.com/cb'],
    grantTypeAuthorizationCode: true,
    grantTypeRefreshToken: true,
    createdAt: new Date(),
  });
}

/** Inserts an OAuth 2.0 session of `clientId` for `userId`. */
export async function addOAuth2Session(
  ds: DataSource,
  clientId: string,
  userId: string | null,
): Promise<OAuth2SessionEntity> {
  return ds.getRepository(OAuth2SessionEntity).save({
    id: ulid(),
    oauth2ClientId: clientId,
    userId,
    scopeList: ['openid'],
    createdAt: new Date(),
  });
}
