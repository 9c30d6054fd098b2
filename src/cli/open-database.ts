import type { Logger } from 'pino';
import type { DatabaseConfig } from '../config';
import { connectWithRetry, DatabaseUnreachableError } from '../database/connect-with-retry';
import { createDataSource, type OwnedDataSource } from '../database/data-source-factory';
import { databaseTargetFromConfig } from '../database/target-from-config';
import { CliError } from './cli-error';

/**
 * Opens the configured database: the embedded PGlite, or PostgreSQL with retries and
 * exponential backoff (0.5 s doubling to 10 s) for up to `database.connect_timeout` seconds
 * while it is unreachable; then a CliError naming the reason.
 */
export async function openDatabase(db: DatabaseConfig, logger: Logger): Promise<OwnedDataSource> {
  const target = databaseTargetFromConfig(db);
  const where =
    target.kind === 'embedded' ? `embedded PGlite in ${target.dataDir}` : target.description;
  logger.info({ database: where }, 'connecting to the database');
  const owned = await createDataSource(target);
  try {
    await connectWithRetry(owned.dataSource, {
      budgetMs: target.kind === 'embedded' ? 0 : db.connect_timeout * 1000,
      firstDelayMs: 500,
      maxDelayMs: 10_000,
      onRetry: (attempt, delayMs, reason) =>
        logger.warn(
          { database: where, attempt, retry_in_ms: delayMs, reason },
          'database unreachable, retrying',
        ),
    });
  } catch (error) {
    await owned.close().catch(() => undefined);
    if (error instanceof DatabaseUnreachableError) {
      throw new CliError(`cannot connect to the database (${where}): ${error.reason}`);
    }
    throw error;
  }
  return owned;
}
