import { generateConfig } from '../../src/config';
import { SERVER_NAME } from '../integration/users-fixtures';
import { RecordingHomeserver } from '../fakes/recording-homeserver';
import { runCliAsync, type CliResult } from './run-cli';
import { databaseSectionForProcess } from './test-database-config';
import { writeTempFiles } from './test-config';

/** A database and a fake homeserver for `mas-ts` commands run as real processes. */
export interface CliEnvironment {
  /** The configuration files every command gets (`-c` each). */
  configFiles: string[];
  homeserver: RecordingHomeserver;
  /** Runs `mas-ts <args>` with the configuration, without blocking the fake homeserver. */
  cli(...args: string[]): Promise<CliResult>;
  /** Stops the fake and drops the database. */
  close(): Promise<void>;
}

/**
 * A fresh database any process can open (PGlite directory or PostgreSQL database), a recording
 * homeserver, and a generated configuration pointing at both (`matrix.homeserver` is
 * {@link SERVER_NAME}).
 */
export async function startCliEnvironment(): Promise<CliEnvironment> {
  const db = await databaseSectionForProcess();
  const homeserver = await RecordingHomeserver.start({ serverName: SERVER_NAME });
  const configFiles = writeTempFiles(
    generateConfig(),
    `${db.yaml}matrix:\n  homeserver: ${SERVER_NAME}\n  endpoint: "${homeserver.endpoint}"\n`,
  );
  return {
    configFiles,
    homeserver,
    cli: (...args) => runCliAsync([...configFiles.flatMap((f) => ['-c', f]), ...args]),
    close: async () => {
      await homeserver.close();
      await db.drop();
    },
  };
}
