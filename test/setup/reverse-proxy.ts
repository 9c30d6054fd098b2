import { spawn, type ChildProcess } from 'node:child_process';
import {
  chmodSync,
  closeSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  fillTemplate,
  loopbackUpstream,
  reverseProxyAvailable,
  reverseProxyBinary,
  reverseProxyTemplate,
  type ReverseProxyKind,
} from './reverse-proxy-kinds';
import { freeLoopbackPort } from './synapse';

export {
  PROXY_CLIENT_ADDRESS,
  REVERSE_PROXY_KINDS,
  TRUST_PROXY_CONFIG,
  describeWithReverseProxy,
  fillTemplate,
  loopbackUpstream,
  reverseProxyAvailable,
  reverseProxyBinary,
  reverseProxyTemplate,
  type ReverseProxyKind,
} from './reverse-proxy-kinds';

/** The bound of starting a proxy: its pid file written and its port accepting connections. */
const START_TIMEOUT_MS = 20_000;

/** The bound of stopping it: after SIGTERM this long, SIGKILL to its process group. */
const STOP_TIMEOUT_MS = 10_000;

/** How many free ports {@link startReverseProxy} tries when another process takes the probed one. */
const BIND_ATTEMPTS = 4;

const LOG_TAIL_LINES = 60;

export interface ReverseProxyOptions {
  /** Which proxy (default `nginx`). */
  kind?: ReverseProxyKind;
  /** Where the compatibility paths go: mas-ts's `http://127.0.0.1:<port>` (a trailing `/` is fine). */
  masBaseUrl: string;
  /** Where everything else goes: Synapse's `http://127.0.0.1:<port>`. */
  synapseBaseUrl: string;
  /** The port to listen on (default: a free one, and another when a process takes it first). */
  port?: number;
}

export interface ReverseProxy {
  kind: ReverseProxyKind;
  /** `http://127.0.0.1:<port>` (no trailing slash): the homeserver URL clients use. */
  baseUrl: string;
  port: number;
  /** The proxy's main process (nginx's master), leader of its own process group. */
  pid: number;
  /** The temporary folder holding the filled-in config, pid file, logs and temp paths. */
  dir: string;
  /** The filled-in configuration the proxy runs. */
  config: string;
  /** The proxy's logs so far (nginx: error and access log; Caddy: its output). */
  log(): string;
  /** Stops the proxy (SIGTERM, SIGKILL to its process group after a bound), removes its folder. */
  stop(): Promise<void>;
}

/** Proxies started and not yet stopped; killed if the test process exits first. */
const running = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of running) killGroup(child, 'SIGKILL');
});

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // already gone
  }
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

async function sleep(ms: number): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, ms));
}

/** SIGTERM (nginx's master reaps its workers before it exits), then SIGKILL to the group. */
async function terminate(child: ChildProcess): Promise<void> {
  const done = exited(child);
  if (child.exitCode === null && child.signalCode === null) {
    child.kill('SIGTERM');
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<'late'>((resolve) => {
      timer = setTimeout(() => resolve('late'), STOP_TIMEOUT_MS);
    });
    if ((await Promise.race([done, late])) === 'late') killGroup(child, 'SIGKILL');
    clearTimeout(timer);
    await done;
  }
  running.delete(child);
}

/** Whether something accepts a TCP connection on 127.0.0.1:`port`. */
function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.setTimeout(1_000);
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('timeout', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', () => resolve(false));
  });
}

/**
 * Waits until the proxy has written its pid file (both write it only once their port is bound)
 * and the port accepts connections, the process exits, or the bound passes.
 */
async function waitUntilServing(
  child: ChildProcess,
  pidFile: string,
  port: number,
): Promise<string | null> {
  const deadline = performance.now() + START_TIMEOUT_MS;
  while (performance.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      return `exited (code ${child.exitCode}, signal ${child.signalCode}) before serving`;
    }
    const pid = existsSync(pidFile) ? readFileSync(pidFile, 'utf8').trim() : '';
    if (pid === String(child.pid) && (await accepts(port))) return null;
    await sleep(50);
  }
  return `did not serve on 127.0.0.1:${port} within ${START_TIMEOUT_MS} ms`;
}

interface Launch {
  config: string;
  configFile: string;
  pidFile: string;
  logFiles: string[];
  args: string[];
  env: NodeJS.ProcessEnv;
}

/** The environment of the proxy: loopback never goes through an HTTP proxy. */
function loopbackEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const noProxy = ['127.0.0.1', 'localhost', process.env.NO_PROXY, process.env.no_proxy]
    .filter((v) => v !== undefined && v !== '')
    .join(',');
  return { ...process.env, NO_PROXY: noProxy, no_proxy: noProxy, ...extra };
}

/** nginx with every path inside `dir` (`-p`), its error log there from the start (`-e`). */
function nginxLaunch(dir: string, port: number, mas: string, synapse: string): Launch {
  mkdirSync(join(dir, 'logs'));
  mkdirSync(join(dir, 'tmp'));
  // Run as root, nginx's workers are `nobody`: they must reach the temp paths the master creates.
  chmodSync(dir, 0o755);
  const config = fillTemplate(reverseProxyTemplate('nginx'), {
    LISTEN: `127.0.0.1:${port}`,
    MAS_UPSTREAM: mas,
    SYNAPSE_UPSTREAM: synapse,
  });
  const configFile = join(dir, 'nginx.conf');
  const errorLog = join(dir, 'logs/error.log');
  return {
    config,
    configFile,
    pidFile: join(dir, 'nginx.pid'),
    logFiles: [join(dir, 'output.log'), errorLog, join(dir, 'logs/access.log')],
    args: ['-p', `${dir}/`, '-c', configFile, '-e', errorLog, '-g', 'daemon off;'],
    env: loopbackEnv(),
  };
}

/** `caddy run` with HOME and the XDG folders inside `dir`, and no admin endpoint. */
function caddyLaunch(dir: string, port: number, mas: string, synapse: string): Launch {
  const config = fillTemplate(reverseProxyTemplate('caddy'), {
    PORT: String(port),
    MAS_UPSTREAM: mas,
    SYNAPSE_UPSTREAM: synapse,
  });
  const configFile = join(dir, 'Caddyfile');
  const pidFile = join(dir, 'caddy.pid');
  return {
    config,
    configFile,
    pidFile,
    logFiles: [join(dir, 'output.log')],
    args: ['run', '--config', configFile, '--adapter', 'caddyfile', '--pidfile', pidFile],
    env: loopbackEnv({
      HOME: dir,
      XDG_CONFIG_HOME: join(dir, 'config'),
      XDG_DATA_HOME: join(dir, 'data'),
    }),
  };
}

function readLogs(files: string[]): string {
  return files
    .filter((file) => existsSync(file))
    .map((file) => `--- ${file} ---\n${readFileSync(file, 'utf8')}`)
    .join('\n');
}

/**
 * Starts a real nginx or Caddy on 127.0.0.1 that routes the Matrix compatibility paths to
 * `masBaseUrl` and everything else to `synapseBaseUrl`, with its config filled in from the
 * repository's template in a fresh temporary folder (nothing under /etc or /var). It picks a free
 * port, and another one when a different process takes it first; it waits (bounded) until the
 * proxy serves. On failure it throws with the tail of the proxy's logs and cleans up.
 */
export async function startReverseProxy(options: ReverseProxyOptions): Promise<ReverseProxy> {
  if (options.port !== undefined) return startReverseProxyOn(options, options.port);
  for (let attempt = 1; ; attempt++) {
    try {
      return await startReverseProxyOn(options, await freeLoopbackPort());
    } catch (error) {
      const taken = error instanceof Error && /address already in use/i.test(error.message);
      if (!taken || attempt >= BIND_ATTEMPTS) throw error;
    }
  }
}

async function startReverseProxyOn(
  options: ReverseProxyOptions,
  port: number,
): Promise<ReverseProxy> {
  const kind = options.kind ?? 'nginx';
  const available = reverseProxyAvailable(kind);
  if (!available.ok) throw new Error(available.reason);
  const mas = loopbackUpstream('masBaseUrl', options.masBaseUrl);
  const synapse = loopbackUpstream('synapseBaseUrl', options.synapseBaseUrl);
  const dir = mkdtempSync(join(tmpdir(), `mas-ts-${kind}-`));
  let child: ChildProcess | undefined;
  let launch: Launch | undefined;
  try {
    launch = (kind === 'nginx' ? nginxLaunch : caddyLaunch)(dir, port, mas, synapse);
    writeFileSync(launch.configFile, launch.config);
    const out = openSync(launch.logFiles[0], 'a');
    try {
      // Its own process group, so that stopping reaches nginx's workers too.
      child = spawn(reverseProxyBinary(kind), launch.args, {
        cwd: dir,
        env: launch.env,
        detached: true,
        stdio: ['ignore', out, out],
      });
    } finally {
      closeSync(out);
    }
    running.add(child);
    const problem = await waitUntilServing(child, launch.pidFile, port);
    if (problem !== null) {
      const logs = readLogs(launch.logFiles).split('\n').slice(-LOG_TAIL_LINES).join('\n');
      throw new Error(`${kind} ${problem}\n--- last ${LOG_TAIL_LINES} log lines ---\n${logs}`);
    }
  } catch (error) {
    if (child) await terminate(child);
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  const proxy = child;
  const { config, logFiles } = launch;
  let stopped: Promise<void> | undefined;
  return {
    kind,
    baseUrl: `http://127.0.0.1:${port}`,
    port,
    pid: proxy.pid ?? 0,
    dir,
    config,
    log: () => readLogs(logFiles),
    stop: () => {
      stopped ??= terminate(proxy).then(() => rmSync(dir, { recursive: true, force: true }));
      return stopped;
    },
  };
}
