import type { Command } from 'commander';
import type { MasConfig } from '../../../config';
import { CryptoRng, DomainError, SystemClock } from '../../../core';
import { createRootLogger } from '../../../logging/root-logger';
import { PasswordHasher } from '../../../passwords/password-hasher';
import { RateLimiter } from '../../../rate-limit';
import { UserEmailRepository } from '../../../storage/users/user-email.repository';
import { UserPasswordRepository } from '../../../storage/users/user-password.repository';
import { UserRepository } from '../../../storage/users/user.repository';
import { UserAccounts } from '../../../users/user-accounts.service';
import { CliError } from '../../cli-error';
import { globalConfigPaths } from '../../global-options';
import { loadConfigForCli } from '../../load-config';
import { openDatabase } from '../../open-database';

/**
 * Loads the configuration, opens the migrated database and runs `work` with a `UserAccounts`
 * wired by hand (no HTTP application needed). Domain errors become one-line CLI errors.
 */
export async function withUserAccounts<T>(
  cmd: Command,
  work: (accounts: UserAccounts, config: MasConfig) => Promise<T>,
): Promise<T> {
  const config = await loadConfigForCli(globalConfigPaths(cmd));
  const db = await openDatabase(config.database, createRootLogger('warn'));
  try {
    if (await db.dataSource.showMigrations()) {
      throw new CliError(
        'the database schema is not up to date; run `mas-ts database migrate` first',
      );
    }
    const clock = new SystemClock();
    const rng = new CryptoRng(clock);
    const ds = db.dataSource;
    const accounts = new UserAccounts(
      new UserRepository(ds),
      new UserPasswordRepository(ds),
      new UserEmailRepository(ds),
      new PasswordHasher(config.passwords, rng),
      new RateLimiter(config.rate_limiting),
      config.account,
      config.matrix,
      clock,
      rng,
    );
    return await work(accounts, config);
  } catch (error) {
    if (error instanceof DomainError) throw new CliError(error.message);
    throw error;
  } finally {
    await db.close();
  }
}
