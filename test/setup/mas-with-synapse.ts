import { randomBytes } from 'node:crypto';
import { syncStaticClients } from '../../src/static-clients/sync-static-clients';
import { createBrowserTestApp, type BrowserTestApp } from './browser-test-app';
import { startRecordingProxy, type RecordingProxy } from './recording-proxy';
import { startSynapse, type SynapseServer } from './synapse';

/** Synapse's `server_name`, mas-ts's `matrix.homeserver`. */
export const SYNAPSE_SERVER_NAME = 'synapse.test';

/** The static client the older setup introspects as (a valid ULID; MAS's setup guide). */
export const MSC3861_CLIENT_ID = '0000000000000000000SYNAPSE';

export interface MasWithSynapseOptions {
  /**
   * How Synapse delegates: `matrix_authentication_service` (the current pin, default) or the
   * older `experimental_features.msc3861` (the legacy pin), where Synapse introspects as the
   * static client {@link MSC3861_CLIENT_ID} with `client_secret_basic` and calls mas-ts's
   * `matrix.secret` its `admin_token`.
   */
  delegation?: 'matrix_authentication_service' | 'msc3861';
  /** mas-ts's `matrix.kind` (default `synapse`). */
  kind?: 'synapse' | 'synapse_modern' | 'synapse_legacy';
  /** More mas-ts YAML, merged over the test config. */
  masConfig?: string;
  /**
   * Puts a {@link RecordingProxy} between Synapse and mas-ts (`matrix_authentication_service`
   * only: the older setup reads the introspection endpoint's absolute URL from the metadata),
   * so a test can see when Synapse introspects.
   */
  recordSynapseCalls?: boolean;
}

/** mas-ts and a real Synapse delegating to it, both on loopback. */
export interface MasWithSynapse {
  mas: BrowserTestApp;
  synapse: SynapseServer;
  /** The shared secret: `matrix.secret` (and the older setup's `admin_token`). */
  secret: string;
  /** What Synapse sent to mas-ts, when `recordSynapseCalls` was asked for. */
  synapseCalls: RecordingProxy | null;
  /** How many times Synapse has introspected at mas-ts (needs `recordSynapseCalls`). */
  introspections(): number;
  /**
   * mas-ts's own answer for `token`, asked the way modern Synapse asks (CONTRACTS §2), past any
   * cache of Synapse's.
   */
  introspect(token: string): Promise<Record<string, unknown>>;
  /** The last lines of Synapse's log, to attach to a failure. */
  synapseLog(lines?: number): string;
  close(): Promise<void>;
}

/**
 * Starts mas-ts (a fresh database, a real socket) and a real Synapse pointing at each other.
 * mas-ts's `matrix.endpoint` is a forwarding proxy bound first, because mas-ts names it before
 * Synapse (which picks its own free port, retrying when another process took it) has started;
 * in the older setup the static client is stored (`config sync`) before Synapse starts.
 */
export async function startMasWithSynapse(
  options: MasWithSynapseOptions = {},
): Promise<MasWithSynapse> {
  const delegation = options.delegation ?? 'matrix_authentication_service';
  const secret = randomBytes(32).toString('hex');
  const clientSecret = randomBytes(32).toString('hex');
  const homeserverProxy = await startRecordingProxy(null);
  const staticClient =
    delegation === 'msc3861'
      ? [
          'clients:',
          `  - client_id: ${MSC3861_CLIENT_ID}`,
          '    client_auth_method: client_secret_basic',
          `    client_secret: ${clientSecret}`,
        ]
      : [];
  const mas = await createBrowserTestApp({
    extraConfig: [
      [
        'matrix:',
        `  kind: ${options.kind ?? 'synapse'}`,
        `  homeserver: ${SYNAPSE_SERVER_NAME}`,
        `  endpoint: ${homeserverProxy.url}`,
        `  secret: ${secret}`,
        ...staticClient,
        '',
      ].join('\n'),
      options.masConfig ?? '',
    ].join('\n'),
  });
  let proxy: RecordingProxy | null = null;
  try {
    let synapse: SynapseServer;
    if (delegation === 'msc3861') {
      await syncStaticClients(mas.db.dataSource, mas.config, { prune: false, dryRun: false });
      synapse = await startSynapse({
        serverName: SYNAPSE_SERVER_NAME,
        msc3861: {
          issuer: mas.baseUrl,
          clientId: MSC3861_CLIENT_ID,
          clientAuthMethod: 'client_secret_basic',
          clientSecret,
          adminToken: secret,
          accountManagementUrl: mas.url('/account'),
        },
      });
    } else {
      if (options.recordSynapseCalls) proxy = await startRecordingProxy(mas.baseUrl);
      synapse = await startSynapse({
        serverName: SYNAPSE_SERVER_NAME,
        masEndpoint: proxy?.url ?? mas.baseUrl,
        secret,
      });
    }
    homeserverProxy.setTarget(synapse.baseUrl);
    const calls = proxy;
    return {
      mas,
      synapse,
      secret,
      synapseCalls: calls,
      introspections: () => {
        if (!calls) throw new Error('startMasWithSynapse({ recordSynapseCalls: true }) needed');
        return calls.count('POST', '/oauth2/introspect');
      },
      introspect: async (token) => {
        const res = await fetch(mas.url('/oauth2/introspect'), {
          method: 'POST',
          headers: {
            Authorization: `Bearer ${secret}`,
            'Content-Type': 'application/x-www-form-urlencoded',
            'X-MAS-Supports-Device-Id': '1',
          },
          body: new URLSearchParams({ token, token_type_hint: 'access_token' }).toString(),
        });
        if (res.status !== 200) throw new Error(`introspection answered ${res.status}`);
        return (await res.json()) as Record<string, unknown>;
      },
      synapseLog: (lines = 40) =>
        `--- Synapse's log ---\n${synapse.log().split('\n').slice(-lines).join('\n')}`,
      close: async () => {
        await synapse.stop();
        await calls?.close();
        await homeserverProxy.close();
        await mas.close();
      },
    };
  } catch (error) {
    await proxy?.close();
    await homeserverProxy.close();
    await mas.close();
    throw error;
  }
}
