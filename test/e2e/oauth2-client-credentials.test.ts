import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as oauth from 'oauth4webapi';
import { ulid } from 'ulid';
import { addClient } from '../factories/code-flow.factory';
import { oauthError } from '../factories/relying-party';
import { createBrowserTestApp, type BrowserTestApp } from '../setup/browser-test-app';

/**
 * The client credentials grant (RFC 6749 §4.4) with oauth4webapi 3 as the client: MAS's
 * `authorization_grant` policy with no user allows `urn:mas:admin` only to the clients in
 * `policy.data.admin_clients`, and no Matrix scope at all.
 */

const INSECURE = { [oauth.allowInsecureRequests]: true } as const;
const ADMIN_CLIENT_ID = ulid();

interface Caller {
  client: oauth.Client;
  auth: oauth.ClientAuth;
}

describe('client_credentials grant with oauth4webapi', () => {
  let t: BrowserTestApp;
  let as: oauth.AuthorizationServer;
  let admin: Caller;
  let service: Caller;

  async function confidential(over: Parameters<typeof addClient>[1] = {}): Promise<Caller> {
    const row = await addClient(t.running.app, {
      redirectUris: [],
      grantTypeAuthorizationCode: false,
      grantTypeRefreshToken: true,
      grantTypeClientCredentials: true,
      ...over,
    });
    const clientId = over.id ?? row.id;
    return { client: { client_id: clientId }, auth: oauth.ClientSecretBasic(row.secret ?? '') };
  }

  before(async () => {
    t = await createBrowserTestApp({
      extraConfig: `policy:\n  data:\n    admin_clients: ["${ADMIN_CLIENT_ID}"]\n`,
    });
    const issuer = new URL(t.baseUrl);
    as = await oauth.processDiscoveryResponse(
      issuer,
      await oauth.discoveryRequest(issuer, { algorithm: 'oidc', ...INSECURE }),
    );
    admin = await confidential({ id: ADMIN_CLIENT_ID, clientName: 'Admin bot' });
    service = await confidential({ clientName: 'Service' });
  });
  after(async () => {
    await t.close();
  });

  function grant(caller: Caller, scope?: string) {
    return oauth
      .clientCredentialsGrantRequest(
        as,
        caller.client,
        caller.auth,
        scope === undefined ? {} : { scope },
        INSECURE,
      )
      .then((res) => oauth.processClientCredentialsResponse(as, caller.client, res));
  }

  it('should advertise the grant in discovery', () => {
    assert.ok(as.grant_types_supported?.includes('client_credentials'));
  });

  it('should give an admin client urn:mas:admin: an access token only', async () => {
    const tokens = await grant(admin, 'urn:mas:admin');
    assert.match(tokens.access_token, /^mat_/);
    assert.equal(tokens.token_type, 'bearer');
    assert.equal(tokens.expires_in, 300);
    assert.equal(tokens.scope, 'urn:mas:admin');
    assert.equal(tokens.refresh_token, undefined, 'RFC 6749 §4.4.3: no refresh token');
    assert.equal(tokens.id_token, undefined);

    // RFC 7662 introspection by the client itself: active, with no user.
    const introspected = await oauth.processIntrospectionResponse(
      as,
      admin.client,
      await oauth.introspectionRequest(as, admin.client, admin.auth, tokens.access_token, INSECURE),
    );
    assert.equal(introspected.active, true);
    assert.equal(introspected.client_id, ADMIN_CLIENT_ID);
    assert.equal(introspected.scope, 'urn:mas:admin');
    assert.equal(introspected.sub, undefined);
    assert.equal(introspected.username, undefined);

    // As Synapse asks (CONTRACTS §2): a user-less token is answered, never a 5xx.
    const bySynapse = await t
      .http()
      .post('/oauth2/introspect')
      .set('Authorization', `Bearer ${t.config.matrix.sharedSecret()}`)
      .set('X-MAS-Supports-Device-Id', '1')
      .type('form')
      .send({ token: tokens.access_token, token_type_hint: 'access_token' });
    assert.equal(bySynapse.status, 200);
    assert.equal(bySynapse.body.active, true);
    assert.equal(bySynapse.body.username, undefined);
    assert.equal(bySynapse.body.device_id, undefined);
  });

  it('should default to the empty scope and then leave scope out of the answer', async () => {
    const res = await oauth.clientCredentialsGrantRequest(
      as,
      service.client,
      service.auth,
      {},
      INSECURE,
    );
    assert.equal(res.headers.get('cache-control'), 'no-store');
    const body = (await res.clone().json()) as Record<string, unknown>;
    assert.equal('scope' in body, false);
    const tokens = await oauth.processClientCredentialsResponse(as, service.client, res);
    assert.match(tokens.access_token, /^mat_/);
  });

  it('should refuse urn:mas:admin to a client not in admin_clients with invalid_scope', async () => {
    await assert.rejects(grant(service, 'urn:mas:admin'), (err: unknown) => {
      assert.ok(oauthError(oauth.ResponseBodyError, 'invalid_scope')(err));
      assert.equal((err as oauth.ResponseBodyError).status, 400);
      assert.equal(
        (err as oauth.ResponseBodyError).error_description,
        "scope 'urn:mas:admin' not allowed",
      );
      return true;
    });
  });

  it('should refuse every Matrix scope, naming each', async () => {
    await assert.rejects(
      grant(admin, 'urn:matrix:client:api:* urn:synapse:admin:*'),
      (err: unknown) => {
        assert.ok(oauthError(oauth.ResponseBodyError, 'invalid_scope')(err));
        assert.equal(
          (err as oauth.ResponseBodyError).error_description,
          "scope 'urn:matrix:client:api:*' not allowed; scope 'urn:synapse:admin:*' not allowed",
        );
        return true;
      },
    );
  });

  it('should refuse a public client, and a client without the grant, as unauthorized_client', async () => {
    const publicRow = await addClient(t.running.app, {
      tokenEndpointAuthMethod: 'none',
      grantTypeClientCredentials: true,
    });
    await assert.rejects(
      grant({ client: { client_id: publicRow.id }, auth: oauth.None() }),
      oauthError(oauth.ResponseBodyError, 'unauthorized_client'),
    );
    const codeOnly = await confidential({ grantTypeClientCredentials: false });
    await assert.rejects(
      grant(codeOnly),
      oauthError(oauth.ResponseBodyError, 'unauthorized_client'),
    );
  });

  it('should refuse a wrong client secret with invalid_client', async () => {
    await assert.rejects(
      grant({ client: admin.client, auth: oauth.ClientSecretBasic('wrong') }),
      (err: unknown) => {
        // RFC 6749 §5.2: 401 with a Basic challenge.
        assert.ok(err instanceof oauth.WWWAuthenticateChallengeError, String(err));
        assert.equal(err.response.status, 401);
        assert.equal(err.cause[0]?.scheme, 'basic');
        return true;
      },
    );
  });

  it('should not answer userinfo for a token without a user', async () => {
    const tokens = await grant(admin, 'urn:mas:admin');
    const res = await fetch(t.url('/oauth2/userinfo'), {
      headers: { authorization: `Bearer ${tokens.access_token}` },
    });
    assert.ok(res.status === 401 || res.status === 403, `status ${res.status}`);
  });
});
