import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import { startLoopbackServer } from './loopback-server';

/** One request as an upstream received it. */
export interface UpstreamRequest {
  method: string;
  /** The path and query, as received. */
  path: string;
  headers: IncomingHttpHeaders;
  /** The body, decoded as UTF-8 ('' when there was none). */
  body: string;
  /** The peer that called the upstream (the proxy). */
  remoteAddress: string;
}

/** How the upstream answers; the default names it in `X-Upstream` and a small JSON body. */
export type UpstreamAnswer = (request: UpstreamRequest, res: ServerResponse) => void;

/** A loopback HTTP server standing in for mas-ts or Synapse, remembering what reached it. */
export interface RecordingUpstream {
  name: string;
  /** `http://127.0.0.1:<port>` (no trailing slash). */
  origin: string;
  /** Every request so far, in arrival order. */
  requests: UpstreamRequest[];
  close(): Promise<void>;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.once('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.once('error', reject);
  });
}

/** Starts an upstream called `name` on 127.0.0.1 that records each request, then `answer`s. */
export async function startRecordingUpstream(
  name: string,
  answer?: UpstreamAnswer,
): Promise<RecordingUpstream> {
  const requests: UpstreamRequest[] = [];
  const server = await startLoopbackServer((req, res) => {
    void readBody(req).then(
      (body) => {
        const recorded: UpstreamRequest = {
          method: req.method ?? 'GET',
          path: req.url ?? '/',
          headers: req.headers,
          body,
          remoteAddress: req.socket.remoteAddress ?? '',
        };
        requests.push(recorded);
        if (answer) return answer(recorded, res);
        res.writeHead(200, { 'Content-Type': 'application/json', 'X-Upstream': name });
        res.end(JSON.stringify({ upstream: name, method: recorded.method, path: recorded.path }));
      },
      () => {
        res.writeHead(400);
        res.end();
      },
    );
  });
  return { name, origin: server.origin, requests, close: () => server.close() };
}
