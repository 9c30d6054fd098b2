import assert from 'node:assert/strict';
import { createPrivateKey } from 'node:crypto';
import { describe, it } from 'node:test';
import { parse } from 'yaml';
import { writeTemp } from './fixtures/temp-files';
import { generateConfig, generateDevelopmentConfig } from './generate-config';
import { loadConfigFiles } from './load-config';

describe('generateConfig', () => {
  it('should load back with zero problems and zero warnings', async () => {
    const { config, warnings } = await loadConfigFiles(writeTemp(generateConfig()));
    assert.deepEqual(warnings, []);
    assert.equal(config.database.mode(), 'embedded');
    assert.equal(config.secrets.encryptionKey().length, 32);
    assert.ok(config.matrix.sharedSecret().length >= 32);
  });

  it('should contain RSA 2048, P-256 and P-384 PKCS#8 keys with distinct kids', async () => {
    const { config } = await loadConfigFiles(writeTemp(generateConfig()));
    const entries = config.secrets.keyEntries();
    const details = entries.map((e) => {
      assert.match(e.material.toString(), /^-----BEGIN PRIVATE KEY-----/);
      const key = createPrivateKey(e.material);
      return key.asymmetricKeyType === 'rsa'
        ? `rsa-${key.asymmetricKeyDetails?.modulusLength}`
        : `ec-${key.asymmetricKeyDetails?.namedCurve}`;
    });
    assert.deepEqual(details, ['rsa-2048', 'ec-prime256v1', 'ec-secp384r1']);
    assert.equal(new Set(entries.map((e) => e.kid)).size, 3);
  });

  it('should produce fresh secrets each time', () => {
    const a = parse(generateConfig()) as {
      secrets: { encryption: string };
      matrix: { secret: string };
    };
    const b = parse(generateConfig()) as typeof a;
    assert.notEqual(a.secrets.encryption, b.secrets.encryption);
    assert.notEqual(a.matrix.secret, b.matrix.secret);
  });

  it('should explain sections with comments and show the database uri form commented', () => {
    const text = generateConfig();
    assert.match(text, /^ {2}#uri: postgresql:\/\//m);
    assert.doesNotMatch(text, /^ {2}uri:/m);
    for (const section of [
      'http',
      'database',
      'secrets',
      'matrix',
      'passwords',
      'account',
      'email',
      'clients',
      'policy',
      'rate_limiting',
      'upstream_oauth2',
      'branding',
      'captcha',
      'oauth',
      'experimental',
      'telemetry',
      'templates',
    ]) {
      assert.match(text, new RegExp(`^${section}:`, 'm'), `section ${section} missing`);
    }
    assert.ok(text.split('\n').filter((l) => l.trim().startsWith('#')).length > 40);
  });
});

describe('generateDevelopmentConfig', () => {
  it('should load with one loopback listener on the port and the embedded data dir', async () => {
    const { config, warnings } = await loadConfigFiles(
      writeTemp(generateDevelopmentConfig({ port: 18080, dataDir: 'data/dev db' })),
    );
    assert.deepEqual(warnings, []);
    assert.equal(config.http.publicBaseUrl, 'http://127.0.0.1:18080/');
    assert.equal(config.http.listeners.length, 1);
    const [listener] = config.http.listeners;
    assert.deepEqual(
      listener.resources.map((r) => r.name),
      ['discovery', 'human', 'oauth', 'compat', 'adminapi', 'health', 'assets'],
    );
    assert.deepEqual([listener.binds[0].host, listener.binds[0].port], ['127.0.0.1', 18080]);
    assert.equal(config.database.mode(), 'embedded');
    assert.equal(config.database.data_dir, 'data/dev db');
  });
});
