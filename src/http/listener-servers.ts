import { chmodSync, existsSync, unlinkSync } from 'node:fs';
import { createServer as createHttpServer, type RequestListener, type Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { Logger } from 'pino';
import { describeBind, toBindTarget, type BindSpec, type BindTarget } from './bind-address';
import { listenerDispatch } from './listener-dispatch';
import type { ResourceName } from './resource';

/** The parts of an `http.listeners[]` entry that serving needs. */
export interface ListenerSpec {
  name?: string;
  resources: { name: string }[];
  prefix?: string;
  binds: BindSpec[];
  proxy_protocol?: boolean;
  tls?: {
    certificateValue(): string | undefined;
    keyValue(): Buffer | undefined;
    passwordValue(): string | undefined;
  };
}

export interface BoundServer {
  listener: string;
  bind: BindTarget;
  server: Server;
  /** The TCP port actually bound (differs from the configured one when it was 0). */
  port?: number;
}

function tlsOptions(tls: NonNullable<ListenerSpec['tls']>) {
  return { cert: tls.certificateValue(), key: tls.keyValue(), passphrase: tls.passwordValue() };
}

function listen(server: Server, bind: BindTarget): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    const done = () => {
      server.off('error', reject);
      resolve();
    };
    switch (bind.kind) {
      case 'tcp':
        server.listen({ host: bind.host, port: bind.port, ipv6Only: false }, done);
        break;
      case 'unix':
        if (existsSync(bind.path)) unlinkSync(bind.path);
        server.listen(bind.path, () => {
          if (bind.mode !== undefined) chmodSync(bind.path, bind.mode);
          done();
        });
        break;
      case 'fd':
        server.listen({ fd: bind.fd }, done);
        break;
    }
  });
}

/** Starts every bind of every listener; on any failure closes what was started and throws. */
export async function startListeners(
  app: RequestListener,
  listeners: ListenerSpec[],
  logger: Logger,
): Promise<BoundServer[]> {
  const bound: BoundServer[] = [];
  try {
    for (const [index, spec] of listeners.entries()) {
      const name = spec.name ?? `listener-${index}`;
      const resources = new Set(spec.resources.map((r) => r.name as ResourceName));
      const handler = listenerDispatch(app, { name, resources }, spec.prefix);
      if (spec.proxy_protocol) {
        logger.warn({ listener: name }, 'proxy_protocol is not supported yet; it is ignored');
      }
      for (const bindSpec of spec.binds) {
        const bind = toBindTarget(bindSpec);
        const server = spec.tls
          ? createHttpsServer(tlsOptions(spec.tls), handler)
          : createHttpServer(handler);
        await listen(server, bind);
        const address = server.address();
        const port = typeof address === 'object' && address ? address.port : undefined;
        bound.push({ listener: name, bind, server, port });
        logger.info(
          { listener: name, bind: describeBind(bind), port, resources: [...resources] },
          'listening',
        );
      }
    }
  } catch (error) {
    await stopListeners(bound);
    throw error;
  }
  return bound;
}

export async function stopListeners(bound: BoundServer[]): Promise<void> {
  await Promise.all(
    bound.map(
      ({ server }) =>
        new Promise<void>((resolve) => {
          server.closeAllConnections?.();
          server.close(() => resolve());
        }),
    ),
  );
}
