import type { ConnectionOptions } from 'node:tls';
import type { PoolConfig } from 'pg';
import type { DatabaseConfig } from '../config';
import type { DatabaseTarget } from './database-target';

/** libpq `sslmode` → node-postgres `ssl` (verify-full checks the host name, verify-ca not). */
function sslOptions(db: DatabaseConfig): PoolConfig['ssl'] {
  const mode = db.ssl_mode;
  if (!mode || mode === 'disable' || mode === 'allow' || mode === 'prefer') return undefined;
  const tls: ConnectionOptions = {
    ca: db.sslCaValue(),
    cert: db.sslCertificateValue(),
    key: db.sslKeyValue(),
    rejectUnauthorized: mode !== 'require',
  };
  if (mode === 'verify-ca') tls.checkServerIdentity = () => undefined;
  return tls;
}

/** Where `database` points; the description never includes a password. */
export function databaseTargetFromConfig(db: DatabaseConfig): DatabaseTarget {
  if (db.mode() === 'embedded') {
    return { kind: 'embedded', dataDir: db.dataDirPath() };
  }
  const pool: PoolConfig = {
    connectionString: db.uri,
    host: db.socket ?? db.host,
    port: db.port,
    user: db.username,
    password: db.passwordValue(),
    database: db.database,
    ssl: sslOptions(db),
    min: db.min_connections,
    max: db.max_connections,
    connectionTimeoutMillis: db.connect_timeout * 1000,
    idleTimeoutMillis: (db.idle_timeout ?? 0) * 1000,
    maxLifetimeSeconds: db.max_lifetime ?? 0,
  };
  return { kind: 'server', pool, description: describeServer(db) };
}

function describeServer(db: DatabaseConfig): string {
  if (db.uri) {
    try {
      const url = new URL(db.uri);
      url.password = '';
      url.username = url.username ? url.username : '';
      return url.toString().replace(/:@/, '@');
    } catch {
      return 'postgresql (uri)';
    }
  }
  const where = db.socket ?? `${db.host ?? 'localhost'}:${db.port ?? 5432}`;
  return `postgresql://${db.username ?? ''}@${where}/${db.database ?? ''}`;
}
