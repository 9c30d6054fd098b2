import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { ConfigError } from './config-error';
import { generatedBase, tempDir, writeTemp } from './fixtures/temp-files';
import { loadConfigFiles } from './load-config';

const ENC = 'ab'.repeat(32);

describe('effective secret values', () => {
  it('should read encryption_file, key_file (raw DER), keys_dir and password_file once', async () => {
    const dir = tempDir();
    const der = generateKeyPairSync('ec', { namedCurve: 'prime256v1' }).privateKey.export({
      type: 'pkcs8',
      format: 'der',
    });
    writeFileSync(join(dir, 'enc'), `${ENC}\n`);
    writeFileSync(join(dir, 'key.der'), der);
    writeFileSync(join(dir, 'pw'), 'hunter2\n');
    mkdirSync(join(dir, 'keys'));
    writeFileSync(join(dir, 'keys', 'b.pem'), 'B');
    writeFileSync(join(dir, 'keys', 'a.pem'), 'A');
    writeFileSync(join(dir, 'keys', '.hidden'), 'H');
    const { config } = await loadConfigFiles(
      writeTemp(`matrix: { secret: x }
secrets:
  encryption_file: ${join(dir, 'enc')}
  keys_dir: ${join(dir, 'keys')}
  keys:
    - kid: der
      key_file: ${join(dir, 'key.der')}
      password_file: ${join(dir, 'pw')}
    - key: "-----BEGIN PRIVATE KEY-----"
`),
    );
    assert.equal(config.secrets.encryptionKey().length, 32);
    assert.equal(config.secrets.encryptionKey().toString('hex'), ENC);
    const entries = config.secrets.keyEntries();
    assert.deepEqual(entries[0], { kid: 'der', material: der, password: 'hunter2' });
    assert.deepEqual(entries[1], { material: Buffer.from('-----BEGIN PRIVATE KEY-----') });
    assert.deepEqual(
      entries.slice(2).map((e) => e.material.toString()),
      ['A', 'B'],
    );
  });

  it('should reject an encryption key that is not 64 hex characters, inline or in a file', async () => {
    const [file] = writeTemp('not hex');
    for (const [yaml, path] of [
      ['secrets:\n  encryption: abc\n', 'secrets.encryption'],
      [`secrets:\n  encryption_file: ${file}\n`, 'secrets.encryption_file'],
    ]) {
      await assert.rejects(
        loadConfigFiles(writeTemp(`matrix: { secret: x }\n${yaml}`)),
        (e: unknown) => {
          assert.ok(e instanceof ConfigError);
          assert.deepEqual(
            e.problems.map((p) => p.path),
            [path],
          );
          return true;
        },
      );
    }
  });

  it('should report an unreadable keys_dir at its path', async () => {
    await assert.rejects(
      loadConfigFiles(writeTemp(generatedBase(), 'secrets:\n  keys_dir: /nonexistent/keys\n')),
      (e: unknown) => {
        assert.ok(e instanceof ConfigError);
        assert.deepEqual(e.problems, [
          {
            path: 'secrets.keys_dir',
            message: 'cannot read "/nonexistent/keys": no such file or directory',
          },
        ]);
        return true;
      },
    );
  });

  it('should give client, database and matrix secrets from inline values or files', async () => {
    const [secret] = writeTemp('client-secret\n');
    const { config } = await loadConfigFiles(
      writeTemp(
        generatedBase(),
        `clients:
  - client_id: 0000000000000000000SYNAPSE
    client_auth_method: client_secret_basic
    client_secret_file: ${secret}
  - client_id: 01GFWR28C4KNE04WG3HKXB7C9R
    client_auth_method: none
database:
  host: db.example
  password_file: ${secret}
matrix:
  secret: inline
`,
      ),
    );
    assert.equal(config.clients[0].clientSecret(), 'client-secret');
    assert.equal(config.clients[1].clientSecret(), undefined);
    assert.equal(config.database.passwordValue(), 'client-secret');
    assert.equal(config.database.mode(), 'server');
    assert.equal(config.matrix.sharedSecret(), 'inline');
  });
});
