import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, statSync } from 'node:fs';
import { runCli } from '../setup/run-cli';
import { writeTempFiles } from '../setup/test-config';

describe('mas-ts config generate | check | dump', () => {
  it('should generate a config that config check accepts', () => {
    const gen = runCli(['config', 'generate']);
    assert.equal(gen.status, 0, gen.stderr);
    const [file] = writeTempFiles(gen.stdout);
    const check = runCli(['config', 'check', '-c', file]);
    assert.equal(check.status, 0, check.stderr);
    assert.match(check.stdout, /configuration is valid/);
  });

  it('should write -o files readable by the owner only and never overwrite one', () => {
    const [existing] = writeTempFiles('x: 1\n');
    const target = existing.replace(/config-0\.yaml$/, 'generated.yaml');
    const first = runCli(['config', 'generate', '-o', target]);
    assert.equal(first.status, 0, first.stderr);
    assert.equal(statSync(target).mode & 0o777, 0o600);
    const again = runCli(['config', 'generate', '-o', existing]);
    assert.notEqual(again.status, 0);
    assert.match(again.stderr, /already exists/);
    assert.equal(readFileSync(existing, 'utf8'), 'x: 1\n');
  });

  it('should list every mistake by its path, without a stack trace', () => {
    const gen = runCli(['config', 'generate']);
    const bad = `
http:
  public_base: not a url
  listeners:
    - name: web
      resources: [{ name: discovery }, { name: nonsense }]
      binds:
        - host: 127.0.0.1
          port: eighty
matrix:
  kind: dendrite
experimental:
  access_token_ttl: -5
clients:
  - client_id: not-a-ulid
    client_auth_method: client_secret_basic
`;
    const files = writeTempFiles(gen.stdout, bad);
    const check = runCli(['config', 'check', '-c', files[0], '-c', files[1]]);
    assert.notEqual(check.status, 0);
    for (const path of [
      'http.public_base',
      'http.listeners[0].resources[1].name',
      'http.listeners[0].binds[0].port',
      'matrix.kind',
      'experimental.access_token_ttl',
      'clients[0].client_id',
    ]) {
      assert.ok(check.stderr.includes(`${path}:`), `missing ${path} in:\n${check.stderr}`);
    }
    assert.doesNotMatch(check.stderr, /\n\s+at .+:\d+:\d+/);
  });

  it('should report a YAML syntax error with its location', () => {
    const [file] = writeTempFiles('http:\n  public_base: [unclosed\n');
    const check = runCli(['config', 'check', '-c', file]);
    assert.notEqual(check.status, 0);
    assert.match(check.stderr, /line \d+/i);
  });

  it('should report a missing config file clearly', () => {
    const check = runCli(['config', 'check', '-c', '/nonexistent/mas.yaml']);
    assert.notEqual(check.status, 0);
    assert.match(check.stderr, /\/nonexistent\/mas\.yaml/);
  });

  it('should take the config path from MAS_CONFIG when -c is absent', () => {
    const gen = runCli(['config', 'generate']);
    const [file] = writeTempFiles(gen.stdout);
    const check = runCli(['config', 'check'], { env: { MAS_CONFIG: file } });
    assert.equal(check.status, 0, check.stderr);
  });

  it('should dump the merged config with defaults filled in', () => {
    const gen = runCli(['config', 'generate']);
    const files = writeTempFiles(gen.stdout, 'experimental:\n  compat_token_ttl: 420\n');
    const dump = runCli(['config', 'dump', '-c', files[0], '-c', files[1]]);
    assert.equal(dump.status, 0, dump.stderr);
    assert.match(dump.stdout, /access_token_ttl: 300/);
    assert.match(dump.stdout, /compat_token_ttl: 420/);
  });
});
