import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ulid } from 'ulid';
import { generateConfig, type MasConfig } from '../../src/config';
import { Encrypter } from '../../src/core';
import { UpstreamOAuthAuthorizationSessionEntity } from '../../src/storage/upstream/upstream-oauth-authorization-session.entity';
import { UpstreamOAuthLinkEntity } from '../../src/storage/upstream/upstream-oauth-link.entity';
import { UpstreamOAuthProviderEntity } from '../../src/storage/upstream/upstream-oauth-provider.entity';
import { syncUpstreamProviders } from '../../src/upstream-providers/sync-upstream-providers';
import { FakeClock } from '../fakes/fake-clock';
import { createTestConfig } from '../setup/test-config';
import { createTestDatabase, type TestDatabase } from '../setup/test-database';
import { addUser } from './storage-fixtures';

const GOOGLE = '01JAAAAAAAAAAAAAAAAAAAAAAA';
const GITLAB = '01JBBBBBBBBBBBBBBBBBBBBBBB';
const APPLE = '01JCCCCCCCCCCCCCCCCCCCCCCC';

const google = (secret: string, enabled = true) => `
  - id: ${GOOGLE}
    enabled: ${enabled}
    issuer: https://accounts.google.com/
    human_name: Google
    brand_name: google
    client_id: mas-google
    client_secret: "${secret}"
    token_endpoint_auth_method: client_secret_post
    scope: openid email profile
    pkce_method: always
    additional_authorization_parameters:
      prompt: consent
    claims_imports:
      localpart:
        action: require
        template: "{{ user.preferred_username }}"
`;
const gitlab = `
  - id: ${GITLAB}
    discovery_mode: disabled
    authorization_endpoint: https://gitlab.example/oauth/authorize
    token_endpoint: https://gitlab.example/oauth/token
    client_id: mas-gitlab
    token_endpoint_auth_method: none
`;
const apple = `
  - id: ${APPLE}
    issuer: https://appleid.apple.com
    client_id: mas-apple
    token_endpoint_auth_method: sign_in_with_apple
    sign_in_with_apple:
      private_key: "-----BEGIN PRIVATE KEY-----x"
      team_id: TEAM
      key_id: KEY
`;
const providers = (...entries: string[]) => `upstream_oauth2:\n  providers:${entries.join('')}`;

describe('config sync of upstream OAuth 2.0 providers', () => {
  let db: TestDatabase;
  const secrets = generateConfig();
  const clock = new FakeClock();
  const config = (...entries: string[]): Promise<MasConfig> =>
    createTestConfig(providers(...entries), secrets);
  const sync = async (c: MasConfig, prune = false, dryRun = false) =>
    syncUpstreamProviders(db.dataSource, c, clock, { prune, dryRun });
  const rows = () =>
    db.dataSource.getRepository(UpstreamOAuthProviderEntity).find({ order: { id: 'ASC' } });

  before(async () => {
    db = await createTestDatabase();
  });
  after(async () => {
    await db.drop();
  });

  it('should change nothing on a dry run', async () => {
    const report = await sync(await config(google('s1'), gitlab), false, true);
    assert.deepEqual(report.plan.create, [GOOGLE, GITLAB]);
    assert.match(report.lines().join('\n'), /would create upstream provider/);
    assert.deepEqual(await rows(), []);
  });

  it('should create the enabled providers with their settings and an encrypted secret', async () => {
    const c = await config(google('s1'), gitlab, apple);
    const report = await sync(c);
    assert.deepEqual(report.summary(), {
      created: 3,
      updated: 0,
      enabled: 0,
      unchanged: 0,
      disabled: 0,
      stale: 0,
      dry_run: false,
    });
    const [g, l, a] = await rows();
    assert.equal(g.id, GOOGLE);
    assert.equal(g.issuer, 'https://accounts.google.com/');
    assert.equal(g.humanName, 'Google');
    assert.equal(g.brandName, 'google');
    assert.equal(g.scope, 'openid email profile');
    assert.equal(g.tokenEndpointAuthMethod, 'client_secret_post');
    assert.equal(g.pkceMode, 'always');
    assert.equal(g.uiOrder, 0);
    assert.equal(g.disabledAt, null);
    assert.deepEqual(g.createdAt, clock.now());
    assert.deepEqual(g.additionalParameters, [['prompt', 'consent']]);
    assert.deepEqual(g.claimsImports, {
      localpart: { action: 'require', template: '{{ user.preferred_username }}' },
    });
    const encrypter = new Encrypter(c.secrets.encryptionKey());
    assert.ok(g.encryptedClientSecret && !g.encryptedClientSecret.includes('s1'));
    assert.equal(encrypter.decryptString(g.encryptedClientSecret), 's1');
    assert.equal(l.discoveryMode, 'disabled');
    assert.equal(l.authorizationEndpointOverride, 'https://gitlab.example/oauth/authorize');
    assert.equal(l.encryptedClientSecret, null);
    assert.equal(l.uiOrder, 1);
    assert.ok(a.encryptedClientSecret);
    assert.deepEqual(JSON.parse(encrypter.decryptString(a.encryptedClientSecret)), {
      private_key: '-----BEGIN PRIVATE KEY-----x',
      team_id: 'TEAM',
      key_id: 'KEY',
    });
  });

  it('should report unchanged providers when run again', async () => {
    const report = await sync(await config(google('s1'), gitlab, apple));
    assert.deepEqual(report.plan.unchanged, [GOOGLE, GITLAB, APPLE]);
    assert.deepEqual(report.lines(), []);
  });

  it('should update a changed secret and order, keeping created_at', async () => {
    const before = (await rows())[0].createdAt;
    clock.advance(60_000);
    const report = await sync(await config(gitlab, google('s2'), apple));
    assert.deepEqual(report.plan.update.sort(), [GITLAB, GOOGLE].sort());
    const [g, l] = await rows();
    assert.deepEqual(g.createdAt, before);
    assert.equal(g.uiOrder, 1);
    assert.equal(l.uiOrder, 0);
  });

  it('should disable a provider removed from or disabled in the config, and keep it', async () => {
    clock.advance(60_000);
    const report = await sync(await config(gitlab, google('s2', false)));
    assert.deepEqual(report.plan.disable.sort(), [APPLE, GOOGLE].sort());
    assert.match(report.lines().join('\n'), /use --prune/);
    const [g, l, a] = await rows();
    assert.deepEqual(g.disabledAt, clock.now());
    assert.deepEqual(a.disabledAt, clock.now());
    assert.equal(l.disabledAt, null);
  });

  it('should enable a disabled provider again when the config enables it', async () => {
    const report = await sync(await config(gitlab, google('s2'), apple));
    assert.deepEqual(report.plan.enable.sort(), [APPLE, GOOGLE].sort());
    assert.ok((await rows()).every((r) => r.disabledAt === null));
  });

  it('should delete disabled providers with their links and sessions only with --prune', async () => {
    const user = await addUser(db.dataSource);
    const linkId = ulid();
    await db.dataSource.getRepository(UpstreamOAuthLinkEntity).insert({
      id: linkId,
      upstreamOAuthProviderId: APPLE,
      userId: user.id,
      subject: 'apple-sub',
      createdAt: clock.now(),
      humanAccountName: null,
    });
    await db.dataSource.getRepository(UpstreamOAuthAuthorizationSessionEntity).insert({
      id: ulid(),
      upstreamOAuthProviderId: APPLE,
      upstreamOAuthLinkId: linkId,
      state: `state-${ulid()}`,
      createdAt: clock.now(),
    });
    const c = await config(gitlab, google('s2'));
    const dry = await sync(c, true, true);
    assert.deepEqual(dry.plan.stale, [APPLE]);
    assert.equal((await rows()).length, 3);
    const report = await sync(c, true);
    assert.equal(report.summary().removed, 1);
    assert.deepEqual(
      (await rows()).map((r) => r.id),
      [GOOGLE, GITLAB],
    );
    assert.equal(await db.dataSource.getRepository(UpstreamOAuthLinkEntity).count(), 0);
    assert.equal(
      await db.dataSource.getRepository(UpstreamOAuthAuthorizationSessionEntity).count(),
      0,
    );
  });
});
