import { spawn, spawnSync } from 'node:child_process';
import { resolve } from 'node:path';

/** The compiled CLI entry point (this file runs from dist/test/setup/). */
export const CLI = resolve(__dirname, '../../src/main.js');

export interface CliResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `mas-ts <args>` to completion. */
export function runCli(
  args: string[],
  opts: { cwd?: string; env?: NodeJS.ProcessEnv } = {},
): CliResult {
  const r = spawnSync(process.execPath, [CLI, ...args], {
    cwd: opts.cwd,
    env: { ...process.env, MAS_CONFIG: '', ...opts.env },
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/**
 * Runs `mas-ts <args>` to completion without blocking this process, so that servers in this
 * process (a fake homeserver, the app under test) can answer the command. Killed after
 * `timeoutMs`.
 */
export function runCliAsync(
  args: string[],
  opts: { cwd?: string; env?: NodeJS.ProcessEnv; timeoutMs?: number } = {},
): Promise<CliResult> {
  const child = spawn(process.execPath, [CLI, ...args], {
    cwd: opts.cwd,
    env: { ...process.env, MAS_CONFIG: '', ...opts.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const timer = setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs ?? 120_000);
  return new Promise((resolve, reject) => {
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.once('close', (status) => {
      clearTimeout(timer);
      resolve({ status, stdout, stderr });
    });
  });
}

export interface ServerProcess {
  /** Resolves with the first `host:port` the server reports listening on. */
  ready: Promise<string[]>;
  output(): string;
  stop(): Promise<number | null>;
}

/** `server`'s ready line, whose capture is the list of binds. */
const SERVER_READY = /mas-ts is ready at \S+ \(listening on ([^)]*)\)/;

/**
 * Starts a long-running CLI command and waits for its "ready" line (bounded in time): the
 * server's by default, or `readyPattern`, whose first capture (if any) is split on ", ".
 */
export function startCli(
  args: string[],
  opts: { cwd?: string; timeoutMs?: number; readyPattern?: RegExp } = {},
): ServerProcess {
  const child = spawn(process.execPath, [CLI, ...args], {
    cwd: opts.cwd,
    env: { ...process.env, MAS_CONFIG: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const exited = new Promise<number | null>((res) => child.on('exit', (code) => res(code)));
  const ready = new Promise<string[]>((res, rej) => {
    const timer = setTimeout(
      () => rej(new Error(`not ready in time:\n${out}`)),
      opts.timeoutMs ?? 60_000,
    );
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      const m = (opts.readyPattern ?? SERVER_READY).exec(out);
      if (m) {
        clearTimeout(timer);
        res(m[1]?.split(', ') ?? []);
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    void exited.then((code) => {
      clearTimeout(timer);
      rej(new Error(`exited with ${code} before ready:\n${out}`));
    });
  });
  return {
    ready,
    output: () => out,
    stop: async () => {
      child.kill('SIGTERM');
      return exited;
    },
  };
}
