import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { generateConfig, type MasConfig } from '../../src/config';
import { Encrypter } from '../../src/core';
import { OAuth2ClientEntity } from '../../src/storage/oauth2/oauth2-client.entity';
import { syncStaticClients } from '../../src/static-clients/sync-static-clients';
import { createTestConfig } from '../setup/test-config';
import { createTestDatabase, type TestDatabase } from '../setup/test-database';

const SYNAPSE = '0000000000000000000SYNAPSE';
const BOT = '01J9ZP3KX5R6M8N0Q2S4T6V8WY';

const clients = (secret: string, withBot: boolean) => `
clients:
  - client_id: ${SYNAPSE}
    client_auth_method: client_secret_basic
    client_secret: "${secret}"
${
  withBot
    ? `  - client_id: ${BOT}
    client_auth_method: none
    client_name: Bot
    redirect_uris: ["http://127.0.0.1/cb"]
`
    : ''
}`;

describe('config sync of static clients', () => {
  let db: TestDatabase;
  let base: MasConfig;
  const secrets = generateConfig();
  before(async () => {
    db = await createTestDatabase();
    base = await createTestConfig(clients('first-secret', true), secrets);
  });
  after(async () => {
    await db.drop();
  });

  const rows = () => db.dataSource.getRepository(OAuth2ClientEntity).find({ order: { id: 'ASC' } });

  it('should change nothing on a dry run', async () => {
    const report = await syncStaticClients(db.dataSource, base, { prune: false, dryRun: true });
    assert.equal(report.plan.create.length, 2);
    assert.deepEqual(await rows(), []);
  });

  it('should create static clients with every grant type and an encrypted secret', async () => {
    const report = await syncStaticClients(db.dataSource, base, { prune: false, dryRun: false });
    assert.deepEqual(report.summary(), {
      created: 2,
      updated: 0,
      unchanged: 0,
      stale: 0,
      dry_run: false,
    });
    const [synapse, bot] = await rows();
    assert.equal(synapse.id, SYNAPSE);
    assert.equal(synapse.isStatic, true);
    assert.equal(synapse.grantTypeClientCredentials && synapse.grantTypeDeviceCode, true);
    assert.ok(synapse.encryptedClientSecret);
    assert.ok(!synapse.encryptedClientSecret.includes('first-secret'));
    const encrypter = new Encrypter(base.secrets.encryptionKey());
    assert.equal(encrypter.decryptString(synapse.encryptedClientSecret), 'first-secret');
    assert.equal(bot.encryptedClientSecret, null);
    assert.deepEqual(bot.redirectUris, ['http://127.0.0.1/cb']);
  });

  it('should report unchanged clients when run again', async () => {
    const report = await syncStaticClients(db.dataSource, base, { prune: false, dryRun: false });
    assert.deepEqual(report.summary(), {
      created: 0,
      updated: 0,
      unchanged: 2,
      stale: 0,
      dry_run: false,
    });
  });

  it('should update a changed secret and keep a removed client unless pruning', async () => {
    const changed = await createTestConfig(clients('second-secret', false), secrets);
    const report = await syncStaticClients(db.dataSource, changed, { prune: false, dryRun: false });
    assert.equal(report.plan.update.length, 1);
    assert.deepEqual(report.plan.stale, [BOT]);
    assert.equal((await rows()).length, 2);
    assert.ok(report.lines().some((l) => l.includes('--prune')));

    const pruned = await syncStaticClients(db.dataSource, changed, { prune: true, dryRun: false });
    assert.deepEqual(pruned.summary(), {
      created: 0,
      updated: 0,
      unchanged: 1,
      removed: 1,
      dry_run: false,
    });
    assert.deepEqual(
      (await rows()).map((r) => r.id),
      [SYNAPSE],
    );
  });

  it('should never turn a dynamically registered client into a static one', async () => {
    await db.dataSource.getRepository(OAuth2ClientEntity).insert({
      id: BOT,
      redirectUris: [],
      grantTypeAuthorizationCode: true,
      grantTypeRefreshToken: true,
      isStatic: false,
      contacts: [],
    });
    const report = await syncStaticClients(db.dataSource, base, { prune: true, dryRun: false });
    assert.deepEqual(report.conflicts, [BOT]);
    const bot = (await rows()).find((r) => r.id === BOT)!;
    assert.equal(bot.isStatic, false);
  });
});
