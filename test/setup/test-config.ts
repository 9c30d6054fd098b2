import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateConfig, loadConfigFiles, type MasConfig } from '../../src/config';
import { defaultTestHomeserver } from './test-homeserver';

export const TEST_PUBLIC_BASE = 'https://auth.example.test/';
export const TEST_ISSUER = 'https://example.test/';

/**
 * Listeners used by the e2e tests: everything on `web`, health alone on `internal`. The
 * homeserver is the shared cooperative fake at `homeserverEndpoint` (test-homeserver.ts), so
 * code exchanges provision as they would against Synapse. Login limits so generous that no test
 * logging in many times from one address reaches them; the rate-limit tests pass strict ones as
 * extra config.
 */
const listeners = (homeserverEndpoint: string) => `
http:
  public_base: ${TEST_PUBLIC_BASE}
  issuer: ${TEST_ISSUER}
  listeners:
    - name: web
      resources:
        - name: discovery
        - name: human
        - name: oauth
        - name: compat
        - name: adminapi
      binds:
        - host: 127.0.0.1
          port: 0
    - name: internal
      resources:
        - name: health
      binds:
        - host: 127.0.0.1
          port: 0
matrix:
  homeserver: example.test
  endpoint: ${homeserverEndpoint}
rate_limiting:
  login:
    per_ip:
      burst: 1000000
      per_second: 1000
    per_account:
      burst: 1000000
      per_second: 1000
`;

/** Writes YAML files into a fresh temporary directory and returns their paths. */
export function writeTempFiles(...contents: string[]): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'mas-ts-test-'));
  return contents.map((content, i) => {
    const path = join(dir, `config-${i}.yaml`);
    writeFileSync(path, content);
    return path;
  });
}

/**
 * A generated config (fresh secrets and keys unless `base` is given, to share them between
 * configs) with the test listeners and homeserver and `extra` (one YAML document or several, in
 * order) merged on top.
 */
export async function createTestConfig(
  extra: string | string[] = '',
  base = generateConfig(),
): Promise<MasConfig> {
  const extras = (Array.isArray(extra) ? extra : [extra]).filter((doc) => doc !== '');
  const homeserver = await defaultTestHomeserver();
  const files = writeTempFiles(base, listeners(homeserver.endpoint), ...extras);
  const { config } = await loadConfigFiles(files);
  return config;
}
