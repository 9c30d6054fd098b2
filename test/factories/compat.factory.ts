import type { INestApplication } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { hashToken } from '../../src/core';
import { CompatAccessTokenEntity } from '../../src/storage/compat/compat-access-token.entity';
import { CompatSessionEntity } from '../../src/storage/compat/compat-session.entity';
import { UserAccounts, type UserView } from '../../src/users/user-accounts.service';

export const PASSWORD = 'correct horse battery staple';

/** A local user with {@link PASSWORD}. */
export function addCompatUser(
  app: INestApplication,
  username: string,
  extra: { emails?: string[] } = {},
): Promise<UserView> {
  return app.get(UserAccounts).register({ username, password: PASSWORD, ...extra });
}

/** The `POST /login` body of a password login by localpart or MXID. */
export function passwordLogin(user: string, extra: Record<string, unknown> = {}) {
  return {
    type: 'm.login.password',
    identifier: { type: 'm.id.user', user },
    password: PASSWORD,
    ...extra,
  };
}

/** The compat session an access token belongs to. */
export async function sessionOfToken(
  app: INestApplication,
  accessToken: string,
): Promise<CompatSessionEntity> {
  const ds = app.get(DataSource);
  const token = await ds
    .getRepository(CompatAccessTokenEntity)
    .findOneByOrFail({ accessTokenSha256: hashToken(accessToken) });
  return ds.getRepository(CompatSessionEntity).findOneByOrFail({ id: token.compatSessionId });
}
