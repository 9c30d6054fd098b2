import { Logger } from '@nestjs/common';
import type { MatrixConfig } from '../config';
import type { HomeserverConnection } from './homeserver-connection';
import { type DebugLog, ReadOnlyHomeserverConnection } from './read-only.connection';
import { SynapseLegacyConnection } from './synapse-legacy.connection';
import { SynapseModernConnection } from './synapse-modern.connection';
import type { SynapseHttpOptions } from './synapse-http';

/** Limits of the HTTP calls; the defaults are in synapse-http.ts. */
export type HomeserverHttpLimits = Pick<
  SynapseHttpOptions,
  'timeoutMs' | 'slowTimeoutMs' | 'maxResponseBytes'
>;

/** The connection `matrix.kind` asks for (MAS crates/cli/src/util.rs `homeserver_connection_from_config`). */
export function createHomeserverConnection(
  matrix: MatrixConfig,
  limits: HomeserverHttpLimits = {},
  log: DebugLog = new Logger('HomeserverConnection'),
): HomeserverConnection {
  const options: SynapseHttpOptions = {
    endpoint: matrix.endpointUrl,
    secret: matrix.sharedSecret(),
    ...limits,
  };
  switch (matrix.kind) {
    case 'synapse':
    case 'synapse_modern':
      return new SynapseModernConnection(matrix.homeserver, options);
    case 'synapse_legacy':
      return new SynapseLegacyConnection(matrix.homeserver, options);
    case 'synapse_read_only':
      return new ReadOnlyHomeserverConnection(
        new SynapseModernConnection(matrix.homeserver, options),
        log,
      );
  }
}
