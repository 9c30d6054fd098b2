import { EMBEDDED_DATABASE, PRODUCTION_HTTP, renderConfig } from './generate/template';
import { generateSecrets } from './generate/secrets';

const HEADER = `# mas-ts configuration (matrix-authentication-service layout).
# Reference: docs/configuration.md. This file holds private keys: keep it secret.
`;

/** A complete, commented configuration with fresh secrets and keys (MAS `config generate`). */
export function generateConfig(): string {
  return renderConfig({
    header: HEADER,
    http: PRODUCTION_HTTP,
    database: EMBEDDED_DATABASE,
    secrets: generateSecrets(),
  });
}

export interface DevelopmentConfigOptions {
  port: number;
  dataDir: string;
}

/** The configuration `npm start` uses: one loopback listener, embedded database in `dataDir`. */
export function generateDevelopmentConfig(opts: DevelopmentConfigOptions): string {
  const base = `http://127.0.0.1:${opts.port}/`;
  const http = `http:
  public_base: ${base}
  listeners:
    - name: dev
      resources:
        - name: discovery
        - name: human
        - name: oauth
        - name: compat
        - name: adminapi
        - name: health
        - name: assets
      binds:
        - host: 127.0.0.1
          port: ${opts.port}
`;
  const database = `database:
  # Embedded PGlite (no uri, host or socket).
  data_dir: ${JSON.stringify(opts.dataDir)}
`;
  return renderConfig({
    header: `# mas-ts development configuration, generated for \`npm start\`.\n`,
    http,
    database,
    secrets: generateSecrets(),
  });
}
