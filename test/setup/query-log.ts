import type { DataSource } from 'typeorm';

/** The SQL statements `work` sends through `dataSource` (read from its query logger). */
export async function queriesOf(
  dataSource: DataSource,
  work: () => Promise<unknown>,
): Promise<string[]> {
  const logger = dataSource.logger;
  const original = logger.logQuery.bind(logger);
  const queries: string[] = [];
  logger.logQuery = (query, parameters, runner) => {
    queries.push(query);
    original(query, parameters, runner);
  };
  try {
    await work();
  } finally {
    logger.logQuery = original;
  }
  return queries;
}
