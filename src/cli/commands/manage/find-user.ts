import type { INestApplicationContext } from '@nestjs/common';
import { MatrixConfig } from '../../../config';
import { UserAccounts, type UserView } from '../../../users/user-accounts.service';
import { localpartOf } from '../../../users/username';
import { CliError } from '../../cli-error';

/**
 * The user a `manage` command names by localpart or by full `@localpart:server` user ID of
 * this homeserver; a one-line CLI error when there is none.
 */
export async function findUserForCli(
  app: INestApplicationContext,
  username: string,
): Promise<UserView> {
  const localpart = localpartOf(username, app.get(MatrixConfig).homeserver);
  const user = localpart ? await app.get(UserAccounts).findByUsername(localpart) : null;
  if (!user) throw new CliError(`no user ${username}`);
  return user;
}
