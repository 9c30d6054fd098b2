import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConfigError, type ConfigProblem } from './config-error';
import { generatedBase, writeTemp } from './fixtures/temp-files';
import { loadConfigFiles } from './load-config';

const ENC = '0123456789abcdef'.repeat(4);
const MINIMAL = `matrix:\n  secret: s3cret\nsecrets:\n  encryption: "${ENC}"\n`;

async function problemsOf(...contents: string[]): Promise<ConfigProblem[]> {
  try {
    await loadConfigFiles(writeTemp(...contents));
  } catch (error) {
    assert.ok(error instanceof ConfigError, `expected ConfigError, got ${String(error)}`);
    return error.problems;
  }
  assert.fail('expected the configuration to be rejected');
}

describe('loadConfigFiles', () => {
  it('should apply MAS defaults to every absent section and key', async () => {
    const { config, warnings } = await loadConfigFiles(writeTemp(MINIMAL));
    assert.deepEqual(warnings, []);
    assert.equal(config.http.public_base, 'http://[::]:8080/');
    assert.equal(config.http.issuerUrl, 'http://[::]:8080/');
    assert.deepEqual(
      config.http.listeners.map((l) => [l.name, l.resources.map((r) => r.name)]),
      [
        ['web', ['discovery', 'human', 'oauth', 'compat', 'graphql', 'assets']],
        ['internal', ['health']],
      ],
    );
    assert.equal(config.http.listeners[0].binds[0].address, '[::]:8080');
    assert.deepEqual(
      config.http.listeners[1].binds[0],
      Object.assign(config.http.listeners[1].binds[0], { host: 'localhost', port: 8081 }),
    );
    assert.ok(config.http.trusted_proxies.includes('::1/128'));
    assert.equal(config.database.mode(), 'embedded');
    assert.equal(config.database.data_dir, 'data/pglite');
    assert.deepEqual(
      [
        config.database.min_connections,
        config.database.max_connections,
        config.database.connect_timeout,
        config.database.idle_timeout,
        config.database.max_lifetime,
      ],
      [0, 10, 30, 600, 1800],
    );
    assert.equal(config.matrix.kind, 'synapse');
    assert.equal(config.matrix.homeserver, 'localhost:8008');
    assert.equal(config.matrix.endpoint, 'http://localhost:8008/');
    assert.equal(config.oauth.device_code_grant_enabled, true);
    assert.equal(config.oauth.device_code_user_code_auto_fill_enabled, false);
    assert.equal(config.experimental.access_token_ttl, 300);
    assert.equal(config.experimental.compat_token_ttl, 300);
    assert.equal(config.rate_limiting.login.per_account.burst, 1800);
    assert.equal(config.rate_limiting.email_authentication.per_address.per_second, 0.000277);
    assert.equal(config.passwords.minimum_complexity, 3);
    assert.equal(config.passwords.schemes[0].algorithm, 'argon2id');
    assert.equal(config.account.password_registration_enabled, false);
    assert.equal(config.email.transport, 'blackhole');
    assert.equal(config.policy.client_registration_entrypoint, 'client_registration/violation');
    assert.deepEqual(config.clients, []);
    assert.equal(config.secrets.encryptionKey().toString('hex'), ENC);
  });

  it('should deep-merge files in order: mappings by key, lists and scalars replaced', async () => {
    const first = `${MINIMAL}http:\n  public_base: https://one.example/\n  trusted_proxies: [10.0.0.0/8, 127.0.0.1]\nbranding:\n  service_name: One\n  imprint: Imprint\n`;
    const second = `http:\n  issuer: https://issuer.example\n  trusted_proxies: [192.168.1.0/24]\nbranding:\n  service_name: Two\n`;
    const { config } = await loadConfigFiles(writeTemp(first, second));
    assert.equal(config.http.public_base, 'https://one.example/');
    assert.equal(config.http.issuerUrl, 'https://issuer.example/');
    assert.deepEqual(config.http.trusted_proxies, ['192.168.1.0/24']);
    assert.equal(config.branding.service_name, 'Two');
    assert.equal(config.branding.imprint, 'Imprint');
  });

  it('should report every mistake with its path, not only the first', async () => {
    const bad = `
http:
  listeners:
    - name: web
      resources: [{ name: discovery }]
      binds:
        - port: "8080"
matrix:
  kind: dendrite
database:
  max_connections: many
clients:
  - client_id: not-a-ulid
    client_auth_method: none
rate_limiting:
  login:
    per_ip: { burst: 3 }
secrets:
  keys:
    - kid: a
`;
    const problems = await problemsOf(MINIMAL, bad);
    const paths = problems.map((p) => p.path);
    for (const path of [
      'http.listeners[0].binds[0].port',
      'matrix.kind',
      'database.max_connections',
      'clients[0].client_id',
      'rate_limiting.login.per_ip.per_second',
      'secrets.keys[0]',
    ]) {
      assert.ok(paths.includes(path), `missing ${path} in ${JSON.stringify(problems)}`);
    }
    const byPath = new Map(problems.map((p) => [p.path, p.message]));
    assert.equal(
      byPath.get('http.listeners[0].binds[0].port'),
      'must be an integer between 0 and 65535',
    );
    assert.equal(
      byPath.get('matrix.kind'),
      'must be one of: synapse, synapse_modern, synapse_legacy, synapse_read_only',
    );
    assert.equal(byPath.get('secrets.keys[0]'), 'exactly one of key or key_file must be set');
    assert.equal(byPath.get('rate_limiting.login.per_ip.per_second'), 'is required');
  });

  it('should format problems one `path: message` per line', async () => {
    const problems = await problemsOf('matrix:\n  kind: nope\n');
    const error = new ConfigError(problems);
    assert.ok(
      error
        .format()
        .split('\n')
        .includes(
          'matrix.kind: must be one of: synapse, synapse_modern, synapse_legacy, synapse_read_only',
        ),
    );
    assert.ok(
      error
        .format()
        .split('\n')
        .includes('secrets: exactly one of encryption or encryption_file must be set'),
    );
  });

  it('should report a YAML syntax error with file, line and column', async () => {
    const [file] = writeTemp('matrix:\n  secret: ok\n  homeserver: [unclosed\n');
    await assert.rejects(loadConfigFiles([file]), (error: unknown) => {
      assert.ok(error instanceof ConfigError);
      assert.equal(error.problems[0].path, file);
      assert.match(error.problems[0].message, /^line \d+, column \d+: /);
      return true;
    });
  });

  it('should report a missing configuration file as a problem', async () => {
    await assert.rejects(loadConfigFiles(['/nonexistent/mas-ts.yaml']), (error: unknown) => {
      assert.ok(error instanceof ConfigError);
      assert.deepEqual(error.problems, [
        {
          path: '/nonexistent/mas-ts.yaml',
          message: 'cannot read "/nonexistent/mas-ts.yaml": no such file or directory',
        },
      ]);
      return true;
    });
  });

  it('should turn unknown keys into warnings and drop them', async () => {
    const { config, warnings } = await loadConfigFiles(
      writeTemp(`${MINIMAL}future_section: {}\nhttp:\n  shiny: true\n`),
    );
    assert.deepEqual(
      [...warnings].sort((a, b) => a.path.localeCompare(b.path)),
      [
        { path: 'future_section', message: 'unknown key, ignored' },
        { path: 'http.shiny', message: 'unknown key, ignored' },
      ],
    );
    assert.equal((config.http as unknown as Record<string, unknown>).shiny, undefined);
  });

  it('should keep free-form policy data without warnings but type-check its known keys', async () => {
    const good = await loadConfigFiles(
      writeTemp(`${MINIMAL}policy:\n  data:\n    custom: { a: 1 }\n    admin_users: [alice]\n`),
    );
    assert.deepEqual(good.warnings, []);
    assert.deepEqual(good.config.policy.data.custom, { a: 1 });
    const problems = await problemsOf(
      `${MINIMAL}policy:\n  data:\n    client_registration:\n      allow_insecure_uris: "yes"\n    admin_clients: [nope]\n`,
    );
    assert.deepEqual(problems.map((p) => p.path).sort(), [
      'policy.data.admin_clients',
      'policy.data.client_registration.allow_insecure_uris',
    ]);
  });

  it('should report an unreadable *_file at its own path', async () => {
    const problems = await problemsOf(
      generatedBase(),
      `clients:\n  - client_id: 01GFWR32NCQ12B8Z0J8CPXRRB6\n    client_auth_method: client_secret_basic\n    client_secret_file: /nonexistent/secret\n`,
    );
    assert.deepEqual(problems, [
      {
        path: 'clients[0].client_secret_file',
        message: 'cannot read "/nonexistent/secret": no such file or directory',
      },
    ]);
  });

  it('should accept matrix.secret_path as an alias of secret_file', async () => {
    const [secretFile] = writeTemp('from-a-file\n');
    const { config } = await loadConfigFiles(
      writeTemp(generatedBase(), `matrix:\n  secret: ~\n  secret_path: ${secretFile}\n`),
    );
    assert.equal(config.matrix.sharedSecret(), 'from-a-file');
    const problems = await problemsOf(generatedBase(), `matrix:\n  secret_path: ${secretFile}\n`);
    assert.deepEqual(problems, [
      { path: 'matrix', message: 'exactly one of secret, secret_file or secret_path must be set' },
    ]);
  });

  it('should enforce client authentication rules', async () => {
    const problems = await problemsOf(
      generatedBase(),
      `clients:
  - client_id: 01GFWR28C4KNE04WG3HKXB7C9R
    client_auth_method: none
    client_secret: oops
  - client_id: 01GFWR4BNFDCC4QDG6AMSP1VRR
    client_auth_method: private_key_jwt
`,
    );
    assert.deepEqual(problems, [
      { path: 'clients[0].client_secret', message: 'is not allowed with none' },
      { path: 'clients[1].jwks', message: 'jwks or jwks_uri is required for private_key_jwt' },
    ]);
  });
});
