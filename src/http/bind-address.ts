/** One place a listener listens: a TCP host and port, a UNIX socket, or an inherited fd. */
export type BindTarget =
  | { kind: 'tcp'; host: string; port: number }
  | { kind: 'unix'; path: string; mode?: number }
  | { kind: 'fd'; fd: number };

/** MAS's bind shapes (`http.listeners[].binds[]`). */
export interface BindSpec {
  address?: string;
  host?: string;
  port?: number;
  socket?: string;
  mode?: number;
  fd?: number;
  kind?: string;
}

/**
 * Parses `address` (`host:port`, `[v6]:port` or `:port`) as MAS does; `[::]` and `0.0.0.0`
 * mean every interface.
 */
export function parseAddress(address: string): { host: string; port: number } {
  const v6 = /^\[([^\]]*)\]:(\d+)$/.exec(address);
  const v4 = /^([^:[\]]*):(\d+)$/.exec(address);
  const m = v6 ?? v4;
  if (!m) throw new Error(`invalid bind address '${address}' (expected host:port)`);
  const port = Number(m[2]);
  if (port > 65535) throw new Error(`invalid port in bind address '${address}'`);
  return { host: m[1] === '' ? '::' : m[1], port };
}

export function toBindTarget(bind: BindSpec): BindTarget {
  if (bind.address !== undefined) return { kind: 'tcp', ...parseAddress(bind.address) };
  if (bind.socket !== undefined) return { kind: 'unix', path: bind.socket, mode: bind.mode };
  if (bind.fd !== undefined) return { kind: 'fd', fd: bind.fd };
  if (bind.port !== undefined) return { kind: 'tcp', host: bind.host ?? '::', port: bind.port };
  throw new Error('a bind needs address, host and port, socket, or fd');
}

/** How a bound target is shown to people (logs, the startup banner). */
export function describeBind(target: BindTarget): string {
  switch (target.kind) {
    case 'tcp':
      return target.host.includes(':')
        ? `[${target.host}]:${target.port}`
        : `${target.host}:${target.port}`;
    case 'unix':
      return `unix:${target.path}`;
    case 'fd':
      return `fd:${target.fd}`;
  }
}
