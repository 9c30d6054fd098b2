import type { INestApplication } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ulid } from 'ulid';
import { CryptoRng, generateToken, hashToken, SystemClock, TokenType } from '../../src/core';
import { OAuth2AccessTokenEntity } from '../../src/storage/oauth2/oauth2-access-token.entity';
import { OAuth2SessionEntity } from '../../src/storage/oauth2/oauth2-session.entity';
import type { UserEntity } from '../../src/storage/users/user.entity';
import { addClient, type TestClient } from './code-flow.factory';
import { TokenRows } from './token-rows.factory';

const rng = new CryptoRng(new SystemClock());

export interface AdminToken {
  token: string;
  sessionId: string;
  tokenId: string;
  user: UserEntity | null;
  client: TestClient;
}

/**
 * An `mat_` access token of an OAuth 2.0 session with `scope` (default `urn:mas:admin`), for a
 * fresh admin user (or none with `clientOnly`, as client_credentials), valid for an hour unless
 * `expiresAt` says otherwise; stored through the entities as the token endpoint stores them.
 */
export async function adminAccessToken(
  app: INestApplication,
  o: {
    scope?: string[];
    clientOnly?: boolean;
    user?: Partial<UserEntity>;
    expiresAt?: Date | null;
    client?: TestClient;
  } = {},
): Promise<AdminToken> {
  const ds = app.get(DataSource);
  const client = o.client ?? (await addClient(app));
  const user = o.clientOnly
    ? null
    : await new TokenRows(ds).user({ canRequestAdmin: true, ...o.user });
  const sessionId = ulid();
  await ds.getRepository(OAuth2SessionEntity).insert({
    id: sessionId,
    oauth2ClientId: client.id,
    userId: user?.id ?? null,
    userSessionId: null,
    scopeList: o.scope ?? ['urn:mas:admin'],
    createdAt: new Date(),
  });
  const token = generateToken(TokenType.AccessToken, rng);
  const tokenId = ulid();
  await ds.getRepository(OAuth2AccessTokenEntity).insert({
    id: tokenId,
    oauth2SessionId: sessionId,
    accessTokenSha256: hashToken(token),
    createdAt: new Date(),
    expiresAt: o.expiresAt === undefined ? new Date(Date.now() + 3_600_000) : o.expiresAt,
  });
  return { token, sessionId, tokenId, user, client };
}

/** The resource ids of an admin API list response, in order. */
export function idsOf(body: unknown): string[] {
  return (body as { data: { id: string }[] }).data.map((d) => d.id);
}
