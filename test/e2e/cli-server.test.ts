import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli, startCli } from '../setup/run-cli';
import { writeTempFiles } from '../setup/test-config';
import { databaseSectionForProcess } from '../setup/test-database-config';

const LOOPBACK_LISTENER = `
http:
  public_base: http://127.0.0.1/
  listeners:
    - name: web
      resources: [{ name: discovery }, { name: oauth }, { name: health }]
      binds: [{ host: 127.0.0.1, port: 0 }]
`;

describe('mas-ts database migrate and server', () => {
  it('should migrate, serve discovery and health, and stop on SIGTERM', async () => {
    const db = await databaseSectionForProcess();
    try {
      const files = writeTempFiles(
        runCli(['config', 'generate']).stdout,
        LOOPBACK_LISTENER,
        db.yaml,
      );
      const args = files.flatMap((f) => ['-c', f]);
      const migrate = runCli([...args, 'database', 'migrate']);
      assert.equal(migrate.status, 0, migrate.stderr);
      const again = runCli([...args, 'database', 'migrate']);
      assert.equal(again.status, 0, again.stderr);
      assert.match(again.stdout + again.stderr, /up to date/);

      const server = startCli([...args, 'server']);
      const [bind] = await server.ready;
      try {
        const disco = await fetch(`http://${bind}/.well-known/openid-configuration`);
        assert.equal(disco.status, 200);
        assert.equal(((await disco.json()) as { issuer: string }).issuer, 'http://127.0.0.1/');
        assert.equal((await fetch(`http://${bind}/health`)).status, 200);
      } finally {
        assert.equal(await server.stop(), 0, server.output());
      }
    } finally {
      await db.drop();
    }
  });

  it('should sync static clients from the config, refusing an unmigrated database', async () => {
    const db = await databaseSectionForProcess();
    try {
      const clients = `clients:
  - client_id: 0000000000000000000SYNAPSE
    client_auth_method: client_secret_basic
    client_secret: SomeRandomSecret
`;
      const files = writeTempFiles(runCli(['config', 'generate']).stdout, db.yaml, clients);
      const args = files.flatMap((f) => ['-c', f]);
      const early = runCli([...args, 'config', 'sync']);
      assert.notEqual(early.status, 0);
      assert.match(early.stderr, /database migrate/);
      assert.equal(runCli([...args, 'database', 'migrate']).status, 0);
      const dry = runCli([...args, 'config', 'sync', '--dry-run']);
      assert.equal(dry.status, 0, dry.stderr);
      assert.match(dry.stdout, /would create client 0000000000000000000SYNAPSE/);
      const real = runCli([...args, 'config', 'sync']);
      assert.match(real.stdout, /created client 0000000000000000000SYNAPSE/);
      const again = runCli([...args, 'config', 'sync']);
      assert.match(again.stdout, /"unchanged":1/);
    } finally {
      await db.drop();
    }
  });

  it('should exit non-zero with the reason when PostgreSQL is unreachable', () => {
    const files = writeTempFiles(
      runCli(['config', 'generate']).stdout,
      'database:\n  uri: postgresql://nobody@127.0.0.1:9/none\n  connect_timeout: 1\n',
    );
    const r = runCli([...files.flatMap((f) => ['-c', f]), 'database', 'migrate']);
    assert.notEqual(r.status, 0);
    assert.match(r.stderr, /cannot connect to the database .*ECONNREFUSED/);
    assert.match(r.stdout, /database unreachable, retrying/);
    assert.doesNotMatch(r.stderr + r.stdout, /nobody:/);
  });

  it('should generate a development config on first `dev` run and start on PGlite', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'mas-ts-dev-'));
    const [override] = writeTempFiles(LOOPBACK_LISTENER);
    const server = startCli(['dev', '-c', override], { cwd });
    const [bind] = await server.ready;
    try {
      assert.ok(existsSync(join(cwd, 'config/dev.yaml')));
      assert.ok(existsSync(join(cwd, 'data/pglite')));
      assert.equal((await fetch(`http://${bind}/oauth2/keys.json`)).status, 200);
    } finally {
      assert.equal(await server.stop(), 0, server.output());
    }
  });
});
