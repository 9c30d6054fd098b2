import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { CleanupJob, CLEANUPS, type RetentionStores } from '../../src/jobs/workers/cleanup.jobs';
import { AccountFlowRetentionRepository } from '../../src/storage/retention/account-flow-retention.repository';
import { OAuth2RetentionRepository } from '../../src/storage/retention/oauth2-retention.repository';
import { SessionRetentionRepository } from '../../src/storage/retention/session-retention.repository';
import { FakeClock } from '../fakes/fake-clock';
import { createTestDatabase, type TestDatabase } from '../setup/test-database';
import { RetentionRows } from './retention-rows';

/** The cutoff: rows strictly older go, rows at the cutoff stay. */
const CUTOFF = new Date('2024-06-01T00:00:00.000Z');
const OLD = new Date(CUTOFF.getTime() - 1000);
const AT = CUTOFF;
const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;

describe('retention (cleanup) repositories', () => {
  let db: TestDatabase;
  let rows: RetentionRows;
  let stores: RetentionStores;
  let client: string;
  let user: string;

  before(async () => {
    db = await createTestDatabase();
    rows = new RetentionRows(db.dataSource);
    stores = {
      oauth2: new OAuth2RetentionRepository(db.dataSource),
      sessions: new SessionRetentionRepository(db.dataSource),
      flows: new AccountFlowRetentionRepository(db.dataSource),
    };
    client = await rows.client();
    user = await rows.user();
  });
  after(async () => {
    await db?.drop();
  });

  const left = (table: string, id: string, ids: string[]) => rows.remaining(table, id, ids);
  const sorted = (...ids: string[]) => [...ids].sort();

  it('should delete access tokens revoked before the cutoff, keeping their refresh tokens', async () => {
    const session = await rows.oauth2Session(client, user);
    const old = await rows.accessToken(session, { revokedAt: OLD });
    const at = await rows.accessToken(session, { revokedAt: AT });
    const live = await rows.accessToken(session);
    const refresh = await rows.refreshToken(session, { accessTokenId: old });

    assert.equal(await stores.oauth2.deleteRevokedAccessTokens(CUTOFF, 100), 1);

    assert.deepEqual(
      await left('oauth2_access_tokens', 'oauth2_access_token_id', [old, at, live]),
      sorted(at, live),
    );
    assert.deepEqual(await left('oauth2_refresh_tokens', 'oauth2_refresh_token_id', [refresh]), [
      refresh,
    ]);
  });

  it('should delete at most `limit` rows per batch, oldest first', async () => {
    const session = await rows.oauth2Session(client, user);
    const oldest = await rows.accessToken(session, { revokedAt: new Date(OLD.getTime() - 2000) });
    const older = await rows.accessToken(session, { revokedAt: new Date(OLD.getTime() - 1000) });
    const old = await rows.accessToken(session, { revokedAt: OLD });

    assert.equal(await stores.oauth2.deleteRevokedAccessTokens(CUTOFF, 2), 2);
    assert.deepEqual(
      await left('oauth2_access_tokens', 'oauth2_access_token_id', [oldest, older, old]),
      [old],
    );
    assert.equal(await stores.oauth2.deleteRevokedAccessTokens(CUTOFF, 2), 1);
    assert.equal(await stores.oauth2.deleteRevokedAccessTokens(CUTOFF, 2), 0);
  });

  it('should delete access tokens that expired before the cutoff', async () => {
    const session = await rows.oauth2Session(client, user);
    const old = await rows.accessToken(session, { expiresAt: OLD });
    const at = await rows.accessToken(session, { expiresAt: AT });
    const never = await rows.accessToken(session);

    assert.equal(await stores.oauth2.deleteExpiredAccessTokens(CUTOFF, 100), 1);
    assert.deepEqual(
      await left('oauth2_access_tokens', 'oauth2_access_token_id', [old, at, never]),
      sorted(at, never),
    );
  });

  it('should delete refresh tokens revoked, or consumed, before the cutoff', async () => {
    const session = await rows.oauth2Session(client, user);
    const revoked = await rows.refreshToken(session, { revokedAt: OLD });
    const revokedAt = await rows.refreshToken(session, { revokedAt: AT });
    const consumed = await rows.refreshToken(session, { consumedAt: OLD });
    const consumedAt = await rows.refreshToken(session, { consumedAt: AT });
    const live = await rows.refreshToken(session);
    const all = [revoked, revokedAt, consumed, consumedAt, live];

    assert.equal(await stores.oauth2.deleteRevokedRefreshTokens(CUTOFF, 100), 1);
    assert.equal(await stores.oauth2.deleteConsumedRefreshTokens(CUTOFF, 100), 1);
    assert.deepEqual(
      await left('oauth2_refresh_tokens', 'oauth2_refresh_token_id', all),
      sorted(revokedAt, consumedAt, live),
    );
  });

  it('should delete OAuth 2.0 sessions finished before the cutoff with their tokens and grants', async () => {
    const old = await rows.oauth2Session(client, user, { finishedAt: OLD });
    const access = await rows.accessToken(old, { revokedAt: OLD });
    const refresh = await rows.refreshToken(old, { accessTokenId: access, revokedAt: OLD });
    const grant = await rows.authorizationGrant(client, AT, { sessionId: old });
    const device = await rows.deviceCodeGrant(client, AT);
    await db.dataSource.query(
      'UPDATE oauth2_device_code_grant SET oauth2_session_id = $1 WHERE oauth2_device_code_grant_id = $2',
      [old, device],
    );
    const at = await rows.oauth2Session(client, user, { finishedAt: AT });
    const atToken = await rows.accessToken(at, { revokedAt: OLD });
    const active = await rows.oauth2Session(client, user);

    assert.equal(await stores.oauth2.deleteFinishedSessions(CUTOFF, 100), 1);

    assert.deepEqual(
      await left('oauth2_sessions', 'oauth2_session_id', [old, at, active]),
      sorted(at, active),
    );
    assert.deepEqual(
      await left('oauth2_access_tokens', 'oauth2_access_token_id', [access, atToken]),
      [atToken],
    );
    assert.deepEqual(await left('oauth2_refresh_tokens', 'oauth2_refresh_token_id', [refresh]), []);
    assert.deepEqual(
      await left('oauth2_authorization_grants', 'oauth2_authorization_grant_id', [grant]),
      [],
    );
    assert.deepEqual(
      await left('oauth2_device_code_grant', 'oauth2_device_code_grant_id', [device]),
      [],
    );
  });

  it('should delete authorization and device code grants created before the cutoff', async () => {
    const oldGrant = await rows.authorizationGrant(client, OLD);
    const atGrant = await rows.authorizationGrant(client, AT);
    const oldDevice = await rows.deviceCodeGrant(client, OLD);
    const atDevice = await rows.deviceCodeGrant(client, AT);

    assert.equal(await stores.oauth2.deleteAuthorizationGrants(CUTOFF, 100), 1);
    assert.equal(await stores.oauth2.deleteDeviceCodeGrants(CUTOFF, 100), 1);
    assert.deepEqual(
      await left('oauth2_authorization_grants', 'oauth2_authorization_grant_id', [
        oldGrant,
        atGrant,
      ]),
      [atGrant],
    );
    assert.deepEqual(
      await left('oauth2_device_code_grant', 'oauth2_device_code_grant_id', [oldDevice, atDevice]),
      [atDevice],
    );
  });

  it('should delete client assertion ids that expired at or before the cutoff', async () => {
    const other = await rows.client();
    const old = await rows.assertionJti(other, OLD);
    const at = await rows.assertionJti(other, AT);
    const later = await rows.assertionJti(other, new Date(CUTOFF.getTime() + 1000));

    assert.equal(await stores.oauth2.deleteExpiredClientAssertionJtis(CUTOFF, 100), 2);
    const kept: { jti: string }[] = await db.dataSource.query(
      'SELECT jti FROM oauth2_client_assertion_jtis WHERE jti = ANY($1)',
      [[old, at, later]],
    );
    assert.deepEqual(
      kept.map((r) => r.jti),
      [later],
    );
  });

  it('should delete compat sessions finished before the cutoff with their tokens', async () => {
    const old = await rows.compatSession(user, { finishedAt: OLD });
    const at = await rows.compatSession(user, { finishedAt: AT });
    const active = await rows.compatSession(user);

    assert.equal(await stores.sessions.deleteFinishedCompatSessions(CUTOFF, 100), 1);

    assert.deepEqual(
      await left('compat_sessions', 'compat_session_id', [old, at, active]),
      sorted(at, active),
    );
    const tokens: { n: number }[] = await db.dataSource.query(
      'SELECT count(*)::int AS n FROM compat_access_tokens WHERE compat_session_id = $1',
      [old],
    );
    assert.equal(tokens[0]?.n, 0);
  });

  it('should delete browser sessions finished before the cutoff only once no session or grant refers to them', async () => {
    const provider = await rows.upstreamProvider();
    const alone = await rows.userSession(user, { finishedAt: OLD });
    const authentication = await rows.userSessionAuthentication(alone);
    const upstream = await rows.upstreamSession(provider, AT, { userSessionId: alone });
    const withOAuth = await rows.userSession(user, { finishedAt: OLD });
    await rows.oauth2Session(client, user, { finishedAt: OLD, userSessionId: withOAuth });
    const withCompat = await rows.userSession(user, { finishedAt: OLD });
    await rows.compatSession(user, { finishedAt: OLD, userSessionId: withCompat });
    const withDeviceGrant = await rows.userSession(user, { finishedAt: OLD });
    await rows.deviceCodeGrant(client, AT, { userSessionId: withDeviceGrant });
    const at = await rows.userSession(user, { finishedAt: AT });
    const open = await rows.userSession(user);
    const all = [alone, withOAuth, withCompat, withDeviceGrant, at, open];

    assert.equal(await stores.sessions.deleteFinishedUserSessions(CUTOFF, 100), 1);

    assert.deepEqual(
      await left('user_sessions', 'user_session_id', all),
      sorted(withOAuth, withCompat, withDeviceGrant, at, open),
    );
    assert.deepEqual(
      await left('user_session_authentications', 'user_session_authentication_id', [
        authentication,
      ]),
      [],
    );
    const [link]: { user_session_id: string | null }[] = await db.dataSource.query(
      'SELECT user_session_id FROM upstream_oauth_authorization_sessions WHERE upstream_oauth_authorization_session_id = $1',
      [upstream],
    );
    assert.equal(link?.user_session_id, null, 'the upstream session no longer points at it');
  });

  it('should forget the address of sessions inactive since before the cutoff, for each kind', async () => {
    const ip = '192.0.2.7';
    const ipOf = async (table: string, idColumn: string, id: string) => {
      const [row]: { ip: string | null }[] = await db.dataSource.query(
        `SELECT host(last_active_ip) AS ip FROM ${table} WHERE ${idColumn} = $1`,
        [id],
      );
      return row?.ip ?? null;
    };
    const kinds = [
      {
        kind: 'oauth2' as const,
        table: 'oauth2_sessions',
        id: 'oauth2_session_id',
        add: (o: { lastActiveAt: Date; ip: string }) => rows.oauth2Session(client, user, o),
      },
      {
        kind: 'compat' as const,
        table: 'compat_sessions',
        id: 'compat_session_id',
        add: (o: { lastActiveAt: Date; ip: string }) => rows.compatSession(user, o),
      },
      {
        kind: 'user' as const,
        table: 'user_sessions',
        id: 'user_session_id',
        add: (o: { lastActiveAt: Date; ip: string }) => rows.userSession(user, o),
      },
    ];
    for (const k of kinds) {
      const old = await k.add({ lastActiveAt: OLD, ip });
      const at = await k.add({ lastActiveAt: AT, ip });

      assert.equal(await stores.sessions.clearInactiveIps(k.kind, CUTOFF, 100), 1, k.kind);
      assert.equal(await ipOf(k.table, k.id, old), null, k.kind);
      assert.equal(await ipOf(k.table, k.id, at), ip, k.kind);
      assert.equal(await stores.sessions.clearInactiveIps(k.kind, CUTOFF, 100), 0, k.kind);
    }
  });

  it('should delete orphaned upstream sessions and links created before the cutoff', async () => {
    const provider = await rows.upstreamProvider();
    const userSession = await rows.userSession(user);
    const orphan = await rows.upstreamSession(provider, OLD);
    const orphanAt = await rows.upstreamSession(provider, AT);
    const linked = await rows.upstreamSession(provider, OLD, { userSessionId: userSession });

    const orphanLink = await rows.upstreamLink(provider, OLD, null);
    const usedLink = await rows.upstreamLink(provider, OLD, null);
    await rows.upstreamSession(provider, AT, { linkId: usedLink });
    const ownedLink = await rows.upstreamLink(provider, OLD, user);
    const atLink = await rows.upstreamLink(provider, AT, null);

    assert.equal(await stores.flows.deleteOrphanedUpstreamSessions(CUTOFF, 100), 1);
    assert.deepEqual(
      await left(
        'upstream_oauth_authorization_sessions',
        'upstream_oauth_authorization_session_id',
        [orphan, orphanAt, linked],
      ),
      sorted(orphanAt, linked),
    );
    assert.equal(await stores.flows.deleteOrphanedUpstreamLinks(CUTOFF, 100), 1);
    assert.deepEqual(
      await left('upstream_oauth_links', 'upstream_oauth_link_id', [
        orphanLink,
        usedLink,
        ownedLink,
        atLink,
      ]),
      sorted(usedLink, ownedLink, atLink),
    );
  });

  it('should delete registrations, recovery sessions and email authentications created before the cutoff', async () => {
    const oldRegistration = await rows.registration(OLD);
    const itsAuthentication = await rows.emailAuthentication(AT, {
      registrationId: oldRegistration,
    });
    const atRegistration = await rows.registration(AT);
    const oldRecovery = await rows.recoverySession(OLD);
    const atRecovery = await rows.recoverySession(AT);
    const oldAuthentication = await rows.emailAuthentication(OLD);
    const atAuthentication = await rows.emailAuthentication(AT);

    assert.equal(await stores.flows.deleteRegistrations(CUTOFF, 100), 1);
    assert.equal(await stores.flows.deleteRecoverySessions(CUTOFF, 100), 1);
    assert.equal(await stores.flows.deleteEmailAuthentications(CUTOFF, 100), 1);

    assert.deepEqual(
      await left('user_registrations', 'user_registration_id', [oldRegistration, atRegistration]),
      [atRegistration],
    );
    assert.deepEqual(
      await left('user_recovery_sessions', 'user_recovery_session_id', [oldRecovery, atRecovery]),
      [atRecovery],
    );
    assert.deepEqual(
      await left('user_email_authentications', 'user_email_authentication_id', [
        itsAuthentication,
        oldAuthentication,
        atAuthentication,
      ]),
      [atAuthentication],
    );
  });

  it('should clean up with the retention of its cron, in batches, through the job', async () => {
    const definition = CLEANUPS.find((d) => d.queue === 'cleanup-revoked-oauth-access-tokens')!;
    assert.equal(definition.retentionMs, HOUR);
    const clock = new FakeClock(new Date(CUTOFF.getTime() + HOUR));
    await stores.oauth2.deleteRevokedAccessTokens(CUTOFF, 1000); // leftovers of other tests
    const session = await rows.oauth2Session(client, user);
    const old = [];
    for (let i = 0; i < 5; i++) old.push(await rows.accessToken(session, { revokedAt: OLD }));
    const at = await rows.accessToken(session, { revokedAt: AT });

    const output = await new CleanupJob(definition, stores, clock, 2).run();

    assert.deepEqual(output, { removed: 5, cutoff: CUTOFF.toISOString() });
    assert.deepEqual(await left('oauth2_access_tokens', 'oauth2_access_token_id', [...old, at]), [
      at,
    ]);
  });

  it("should keep MAS's retention for every cleanup cron", () => {
    const retention = Object.fromEntries(CLEANUPS.map((d) => [d.queue, d.retentionMs]));
    assert.deepEqual(retention, {
      'cleanup-revoked-oauth-access-tokens': HOUR,
      'cleanup-revoked-oauth-refresh-tokens': HOUR,
      'cleanup-consumed-oauth-refresh-tokens': HOUR,
      'cleanup-expired-oauth-access-tokens': 30 * DAY,
      'cleanup-finished-compat-sessions': 30 * DAY,
      'cleanup-finished-oauth2-sessions': 30 * DAY,
      'cleanup-finished-user-sessions': 30 * DAY,
      'cleanup-inactive-oauth2-session-ips': 30 * DAY,
      'cleanup-inactive-compat-session-ips': 30 * DAY,
      'cleanup-inactive-user-session-ips': 30 * DAY,
      'cleanup-oauth-authorization-grants': 7 * DAY,
      'cleanup-oauth-device-code-grants': 7 * DAY,
      'cleanup-upstream-oauth-sessions': 7 * DAY,
      'cleanup-upstream-oauth-links': 7 * DAY,
      'cleanup-user-registrations': 30 * DAY,
      'cleanup-user-recovery-sessions': 7 * DAY,
      'cleanup-user-email-authentications': 7 * DAY,
      'cleanup-client-assertion-jtis': 0,
    });
  });
});
