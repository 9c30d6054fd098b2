import { createServer, type RequestListener, type Server } from 'node:http';

/** An HTTP server on 127.0.0.1 with a port chosen by the system. */
export interface LoopbackServer {
  server: Server;
  port: number;
  /** `http://127.0.0.1:<port>` (no trailing slash). */
  origin: string;
  /** Drops open connections (browsers keep them alive) and stops listening. */
  close(): Promise<void>;
}

/** Listens on 127.0.0.1, port 0, with `handler`. */
export async function startLoopbackServer(handler: RequestListener): Promise<LoopbackServer> {
  const server = createServer(handler);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen({ host: '127.0.0.1', port: 0 }, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address();
  if (typeof address !== 'object' || address === null) throw new Error('no TCP address');
  let closed: Promise<void> | undefined;
  return {
    server,
    port: address.port,
    origin: `http://127.0.0.1:${address.port}`,
    close: () => {
      closed ??= new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      });
      return closed;
    },
  };
}
