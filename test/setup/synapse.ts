import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import {
  accessSync,
  closeSync,
  constants,
  existsSync,
  mkdtempSync,
  openSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, it } from 'node:test';
import { stringify } from 'yaml';

/** The script that installs Synapse into the venv (CI runs it; run it once on a dev machine). */
export const SYNAPSE_INSTALL_SCRIPT = 'test/synapse/install-synapse.sh';

/** The bound of starting Synapse: key generation, then `GET /health` answering 200. */
export const SYNAPSE_START_TIMEOUT_MS = 60_000;

/** The bound of stopping it: after SIGTERM this long, SIGKILL. */
const SYNAPSE_STOP_TIMEOUT_MS = 10_000;

/** How many free ports {@link startSynapse} tries when another process takes the one it probed. */
const BIND_ATTEMPTS = 4;

/** Lines of Synapse's log shown when it fails to start. */
const LOG_TAIL_LINES = 80;

/** The repository root: the nearest folder above this file holding package.json. */
export function repositoryRoot(): string {
  let dir = __dirname;
  for (let i = 0; i < 10; i++) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    dir = dirname(dir);
  }
  throw new Error(`no package.json above ${__dirname}`);
}

/**
 * The two Synapse installs the tests use, one venv each: `current` (the pin docker-compose.yml
 * runs, with `matrix_authentication_service`) and `legacy` (the last release that still accepts
 * the older `experimental_features.msc3861` setup, CONTRACTS §2).
 */
export type SynapseFlavour = 'current' | 'legacy';

interface FlavourFacts {
  /** The file holding the pinned version. */
  pinFile: string;
  /** The environment variable that moves the venv. */
  venvVariable: string;
  /** The venv's folder in the repository otherwise. */
  defaultVenv: string;
  /** What installs it. */
  installCommand: string;
}

const FLAVOURS: Record<SynapseFlavour, FlavourFacts> = {
  current: {
    pinFile: 'test/synapse/synapse-version',
    venvVariable: 'SYNAPSE_VENV',
    defaultVenv: '.cache/synapse-venv',
    installCommand: SYNAPSE_INSTALL_SCRIPT,
  },
  legacy: {
    pinFile: 'test/synapse/synapse-legacy-version',
    venvVariable: 'SYNAPSE_LEGACY_VENV',
    defaultVenv: '.cache/synapse-legacy-venv',
    installCommand: `${SYNAPSE_INSTALL_SCRIPT} legacy`,
  },
};

/** The Synapse version a flavour is pinned to (test/synapse/synapse-version by default). */
export function pinnedSynapseVersion(flavour: SynapseFlavour = 'current'): string {
  return readFileSync(join(repositoryRoot(), FLAVOURS[flavour].pinFile), 'utf8').trim();
}

/**
 * The flavour's venv: `SYNAPSE_VENV` (`SYNAPSE_LEGACY_VENV`), else `.cache/synapse-venv`
 * (`.cache/synapse-legacy-venv`) in the repository, as the install script.
 */
export function synapseVenv(flavour: SynapseFlavour = 'current'): string {
  const facts = FLAVOURS[flavour];
  const configured = process.env[facts.venvVariable];
  return configured && configured.length > 0
    ? configured
    : join(repositoryRoot(), facts.defaultVenv);
}

function venvPython(flavour: SynapseFlavour): string {
  return join(synapseVenv(flavour), 'bin/python');
}

/**
 * Why the flavour's venv cannot run the tests, or null when it can: the install script writes
 * its marker (the pinned version) last, so a half-made venv or one for another pin does not
 * count.
 */
export function synapseUnavailable(flavour: SynapseFlavour = 'current'): string | null {
  const facts = FLAVOURS[flavour];
  const venv = synapseVenv(flavour);
  const pin = pinnedSynapseVersion(flavour);
  const advice = `run ${facts.installCommand} (or set ${facts.venvVariable})`;
  try {
    accessSync(venvPython(flavour), constants.X_OK);
  } catch {
    return `no Synapse ${pin} venv at ${venv}: ${advice}`;
  }
  const marker = join(venv, '.installed-synapse-version');
  const installed = existsSync(marker) ? readFileSync(marker, 'utf8').trim() : null;
  if (installed === null) return `the Synapse venv at ${venv} is incomplete: ${advice}`;
  if (installed !== pin) {
    return `the Synapse venv at ${venv} holds ${installed}, not the pinned ${pin}: ${advice}`;
  }
  return null;
}

function onCi(): boolean {
  const ci = process.env.CI;
  return ci !== undefined && ci !== '' && ci !== '0' && ci.toLowerCase() !== 'false';
}

/**
 * `describe` for a suite that runs a real Synapse of `flavour`. Without its venv on a
 * developer's machine the suite is skipped with the reason (so `npm test` passes without Python
 * packages); in CI (`CI` set) it is replaced by one failing test naming the install command, so
 * a CI that lacks Synapse cannot pass.
 */
export function describeWithSynapse(
  name: string,
  fn: () => void,
  flavour: SynapseFlavour = 'current',
): void {
  const missing = synapseUnavailable(flavour);
  if (missing === null) {
    void describe(name, fn);
  } else if (!onCi()) {
    void describe(name, { skip: missing }, fn);
  } else {
    void describe(name, () => {
      void it('should find Synapse to run the real-Synapse tests against', () => {
        assert.fail(missing);
      });
    });
  }
}

/**
 * A free TCP port on 127.0.0.1, found by binding port 0 and closing. Another process could take
 * it before Synapse binds it; Synapse then fails to start and says so in its log.
 */
export async function freeLoopbackPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen({ host: '127.0.0.1', port: 0 }, () => resolve());
  });
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (typeof address !== 'object' || address === null) throw new Error('no TCP address');
  return address.port;
}

interface SynapseCommonOptions {
  /**
   * The port of the client listener. Default: a free one, and another when a different process
   * takes it first; callers that must name the port before Synapse starts put a
   * {@link RecordingProxy} in front instead of passing one.
   */
  port?: number;
  /** `server_name` (default `synapse.test`), mas-ts's `matrix.homeserver`. */
  serverName?: string;
  /** Keys merged over the generated homeserver.yaml (top level only). */
  extraConfig?: Record<string, unknown>;
  /** Which venv runs it (default `current`, or `legacy` with {@link Msc3861Options}). */
  flavour?: SynapseFlavour;
}

/** Delegation through `matrix_authentication_service` (Synapse ≥ 1.136). */
export interface MasDelegationOptions extends SynapseCommonOptions {
  /** `matrix_authentication_service.endpoint`: where Synapse reaches mas-ts. */
  masEndpoint: string;
  /** `matrix_authentication_service.secret`, equal to mas-ts's `matrix.secret`. */
  secret: string;
}

/** `experimental_features.msc3861` (Synapse ≤ 1.156; MAS's older setup guide). */
export interface Msc3861Options {
  /** mas-ts's issuer; Synapse reads `{issuer}/.well-known/openid-configuration`. */
  issuer: string;
  /** The static client Synapse introspects as (`0000000000000000000SYNAPSE`). */
  clientId: string;
  clientAuthMethod: 'client_secret_basic' | 'client_secret_post';
  clientSecret: string;
  /** The bearer token mas-ts calls Synapse with, equal to mas-ts's `matrix.secret`. */
  adminToken: string;
  /** Where clients send people to manage their account (default: discovered). */
  accountManagementUrl?: string;
}

export interface Msc3861DelegationOptions extends SynapseCommonOptions {
  msc3861: Msc3861Options;
}

export type SynapseOptions = MasDelegationOptions | Msc3861DelegationOptions;

export interface SynapseServer {
  /** `http://127.0.0.1:<port>` (no trailing slash); also `public_baseurl` with a slash. */
  baseUrl: string;
  serverName: string;
  /** The temporary folder holding homeserver.yaml, the signing key, the database and media. */
  dir: string;
  /** Everything Synapse printed so far (its log goes to stderr, captured in a file). */
  log(): string;
  /** Stops Synapse (SIGTERM, SIGKILL after a bound) and removes its folder. */
  stop(): Promise<void>;
}

/**
 * The homeserver.yaml section that delegates authentication to mas-ts: `matrix_authentication_
 * service`, or `experimental_features.msc3861` for the older setup (seed 002 of the shared notes).
 */
export function delegationConfig(options: SynapseOptions): Record<string, unknown> {
  if ('msc3861' in options) {
    const o = options.msc3861;
    return {
      experimental_features: {
        msc3861: {
          enabled: true,
          issuer: o.issuer,
          client_id: o.clientId,
          client_auth_method: o.clientAuthMethod,
          client_secret: o.clientSecret,
          admin_token: o.adminToken,
          ...(o.accountManagementUrl !== undefined && {
            account_management_url: o.accountManagementUrl,
          }),
        },
      },
    };
  }
  return {
    matrix_authentication_service: {
      enabled: true,
      endpoint: options.masEndpoint,
      secret: options.secret,
    },
  };
}

/**
 * The loopback homeserver.yaml: one client listener on 127.0.0.1, SQLite and media in `dir`,
 * no federation key servers, no phoning home, and authentication delegated to mas-ts. Nothing
 * that Synapse refuses alongside delegation (CONTRACTS §8) is set.
 */
export function homeserverConfig(
  dir: string,
  options: SynapseOptions & { port: number; serverName: string },
): Record<string, unknown> {
  return {
    server_name: options.serverName,
    public_baseurl: `http://127.0.0.1:${options.port}/`,
    pid_file: join(dir, 'homeserver.pid'),
    listeners: [
      {
        port: options.port,
        bind_addresses: ['127.0.0.1'],
        type: 'http',
        tls: false,
        x_forwarded: false,
        resources: [{ names: ['client'], compress: false }],
      },
    ],
    database: { name: 'sqlite3', args: { database: join(dir, 'homeserver.db') } },
    media_store_path: join(dir, 'media_store'),
    signing_key_path: join(dir, 'signing.key'),
    report_stats: false,
    trusted_key_servers: [],
    suppress_key_server_warning: true,
    enable_metrics: false,
    ...delegationConfig(options),
  };
}

function tail(text: string, lines: number): string {
  return text.split('\n').slice(-lines).join('\n');
}

/** The environment of Synapse: loopback never goes through a proxy, output is unbuffered. */
function synapseEnv(): NodeJS.ProcessEnv {
  const noProxy = ['127.0.0.1', 'localhost', process.env.NO_PROXY, process.env.no_proxy]
    .filter((v) => v !== undefined && v !== '')
    .join(',');
  return { ...process.env, PYTHONUNBUFFERED: '1', NO_PROXY: noProxy, no_proxy: noProxy };
}

/** Starts the venv's Python with `args`, its stdout and stderr appended to `logPath`. */
function runPython(
  flavour: SynapseFlavour,
  args: string[],
  cwd: string,
  logPath: string,
): ChildProcess {
  const fd = openSync(logPath, 'a');
  try {
    return spawn(venvPython(flavour), args, { cwd, env: synapseEnv(), stdio: ['ignore', fd, fd] });
  } finally {
    closeSync(fd);
  }
}

function exited(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null || child.signalCode !== null) {
    return Promise.resolve(child.exitCode);
  }
  return new Promise((resolve) => child.once('exit', (code) => resolve(code)));
}

async function sleep(ms: number): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, ms));
}

/** Polls `GET {baseUrl}/health` until 200, the process exits, or the bound passes. */
async function waitForHealth(baseUrl: string, child: ChildProcess): Promise<string | null> {
  const deadline = performance.now() + SYNAPSE_START_TIMEOUT_MS;
  while (performance.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      return `Synapse exited (code ${child.exitCode}, signal ${child.signalCode}) before answering /health`;
    }
    try {
      const res = await fetch(`${baseUrl}/health`, { signal: AbortSignal.timeout(2_000) });
      if (res.status === 200) return null;
    } catch {
      // not listening yet
    }
    await sleep(100);
  }
  return `Synapse did not answer GET /health with 200 within ${SYNAPSE_START_TIMEOUT_MS} ms`;
}

/** `promise`'s value, or `'timeout'` when it has not settled within `ms`. */
async function within<T>(promise: Promise<T>, ms: number): Promise<T | 'timeout'> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      promise,
      new Promise<'timeout'>((resolve) => {
        timer = setTimeout(() => resolve('timeout'), ms);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

async function terminate(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const done = exited(child);
  child.kill('SIGTERM');
  if ((await within(done, SYNAPSE_STOP_TIMEOUT_MS)) === 'timeout') {
    child.kill('SIGKILL');
    await done;
  }
}

/**
 * Starts a real Synapse from the flavour's venv that delegates authentication to mas-ts
 * ({@link delegationConfig}): writes homeserver.yaml into a fresh temporary folder, generates
 * the signing key, starts `python -m synapse.app.homeserver` and waits (bounded) for
 * `GET /health` = 200. On failure it throws with the tail of Synapse's log and cleans up.
 */
export async function startSynapse(options: SynapseOptions): Promise<SynapseServer> {
  if (options.port !== undefined) return startSynapseOn(options, options.port);
  // A free port can be taken by another process between the probe and Synapse's bind (test
  // files run two at a time): try another one then.
  for (let attempt = 1; ; attempt++) {
    try {
      return await startSynapseOn(options, await freeLoopbackPort());
    } catch (error) {
      const taken = error instanceof Error && /Address already in use/.test(error.message);
      if (!taken || attempt >= BIND_ATTEMPTS) throw error;
    }
  }
}

async function startSynapseOn(options: SynapseOptions, port: number): Promise<SynapseServer> {
  const flavour = options.flavour ?? ('msc3861' in options ? 'legacy' : 'current');
  const missing = synapseUnavailable(flavour);
  if (missing !== null) throw new Error(missing);
  const serverName = options.serverName ?? 'synapse.test';
  const dir = mkdtempSync(join(tmpdir(), 'mas-ts-synapse-'));
  const configPath = join(dir, 'homeserver.yaml');
  const logPath = join(dir, 'homeserver.log');
  const baseUrl = `http://127.0.0.1:${port}`;
  const config = {
    ...homeserverConfig(dir, { ...options, port, serverName }),
    ...options.extraConfig,
  };
  writeFileSync(configPath, stringify(config));
  writeFileSync(logPath, '');
  const readLog = () => (existsSync(logPath) ? readFileSync(logPath, 'utf8') : '');
  const fail = (why: string) =>
    new Error(
      `${why}\n--- last ${LOG_TAIL_LINES} lines of Synapse's log (${logPath}) ---\n` +
        tail(readLog(), LOG_TAIL_LINES),
    );

  let child: ChildProcess | undefined;
  try {
    const homeserver = ['-m', 'synapse.app.homeserver', '-c', configPath];
    if (!existsSync(join(dir, 'signing.key'))) {
      const keygen = runPython(flavour, [...homeserver, '--generate-keys'], dir, logPath);
      const code = await within(exited(keygen), SYNAPSE_START_TIMEOUT_MS);
      if (code !== 0) {
        await terminate(keygen);
        throw fail(`generating Synapse's signing key failed (${code})`);
      }
    }
    child = runPython(flavour, homeserver, dir, logPath);
    const problem = await waitForHealth(baseUrl, child);
    if (problem !== null) throw fail(problem);
  } catch (error) {
    if (child) await terminate(child);
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  const running = child;
  let stopped: Promise<void> | undefined;
  return {
    baseUrl,
    serverName,
    dir,
    log: readLog,
    stop: () => {
      stopped ??= terminate(running).then(() => rmSync(dir, { recursive: true, force: true }));
      return stopped;
    },
  };
}
