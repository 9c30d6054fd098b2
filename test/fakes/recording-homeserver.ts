import {
  createServer,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';

/** One request the fake received. */
export interface RecordedRequest {
  method: string;
  /** The path as sent, still percent-encoded, without the query. */
  path: string;
  query: Record<string, string>;
  headers: IncomingHttpHeaders;
  /** The body parsed as JSON; undefined when empty or not JSON (see `text`). */
  body: unknown;
  text: string;
}

/** How the fake answers a request. */
export type FakeAnswer =
  /** This status, with `body` as JSON (none for 204 or when absent). */
  | { status: number; body?: unknown }
  /** This status with a raw body, e.g. something that is not JSON. */
  | { status: number; raw: string; contentType?: string }
  /** Never answer; the connection stays open until the fake closes. */
  | { hang: true };

export type FakeResponder = FakeAnswer | ((req: RecordedRequest) => FakeAnswer);

export interface RecordingHomeserverOptions {
  /** The `server_name` used in default answers (`user_id`). */
  serverName?: string;
  /** Do not keep the process alive for the fake (for a fake shared by a whole test file). */
  unref?: boolean;
}

const json = (status: number, body: unknown = {}): FakeAnswer => ({ status, body });

/**
 * What a cooperative Synapse answers when no rule says otherwise: success for every
 * `/_synapse/mas/*` call and the admin-API calls of the legacy connector, 404 M_UNRECOGNIZED
 * for anything else. Stateless: a user always "exists" and has no devices.
 */
function defaultAnswer(req: RecordedRequest, serverName: string): FakeAnswer {
  const mas = /^\/_synapse\/mas\/([a-z_]+)$/.exec(req.path)?.[1];
  if (mas !== undefined) {
    switch (mas) {
      case 'query_user':
        return json(200, {
          user_id: `@${req.query.localpart ?? ''}:${serverName}`,
          display_name: null,
          avatar_url: null,
          is_suspended: false,
          is_deactivated: false,
        });
      case 'provision_user':
      case 'upsert_device':
        return json(201);
      case 'delete_device':
        return { status: 204 };
      default:
        return json(200);
    }
  }
  if (
    req.path.startsWith('/_synapse/admin/') ||
    req.path.startsWith('/_matrix/client/v3/profile/')
  ) {
    if (req.method === 'GET' && req.path.endsWith('/devices')) {
      return json(200, { devices: [], total: 0 });
    }
    if (req.method === 'GET' && req.path === '/_synapse/admin/v1/username_available') {
      return json(200, { available: true });
    }
    if (req.method === 'POST' && req.path.endsWith('/devices')) return json(201);
    return json(200);
  }
  return json(404, { errcode: 'M_UNRECOGNIZED', error: 'Unrecognized request' });
}

/**
 * A loopback HTTP server standing in for a homeserver. It records every request, answers with
 * per-route rules or the cooperative defaults above, and can be made to fail: refuse
 * connections (`stop()`, then `restart()` on the same port), hang, or answer anything with
 * `always(...)`. It asserts nothing; the tests read `requests`. Every answer closes its
 * connection, so no idle socket outlives a test.
 */
export class RecordingHomeserver {
  readonly requests: RecordedRequest[] = [];
  private readonly rules = new Map<string, FakeResponder>();
  private override: FakeResponder | null = null;
  private secret: string | null = null;
  private listening = true;
  private readonly hanging = new Set<ServerResponse>();

  private constructor(
    private server: Server,
    readonly port: number,
    private readonly options: RecordingHomeserverOptions,
  ) {}

  static async start(options: RecordingHomeserverOptions = {}): Promise<RecordingHomeserver> {
    const server = createServer();
    const port = await listen(server, 0);
    const fake = new RecordingHomeserver(server, port, options);
    server.on('request', (req: IncomingMessage, res: ServerResponse) => fake.handle(req, res));
    if (options.unref) server.unref();
    return fake;
  }

  /** `http://127.0.0.1:<port>/`, the value for `matrix.endpoint`. */
  get endpoint(): string {
    return `http://127.0.0.1:${this.port}/`;
  }

  /** Answers `method path` (path as sent, percent-encoded) with `responder`. */
  on(method: string, path: string, responder: FakeResponder): this {
    this.rules.set(`${method} ${path}`, responder);
    return this;
  }

  /** Answers every request with `responder` (e.g. a 500 or `{ hang: true }`); null undoes it. */
  always(responder: FakeResponder | null): this {
    this.override = responder;
    return this;
  }

  /**
   * Behaves as Synapse does with `matrix_authentication_service.secret`: no Bearer token is
   * 401 M_MISSING_TOKEN, another one 403 M_UNKNOWN. Null accepts anything (the default).
   */
  requireSecret(secret: string | null): this {
    this.secret = secret;
    return this;
  }

  /** Requests to `path` (as sent), in order. */
  requestsTo(path: string): RecordedRequest[] {
    return this.requests.filter((r) => r.path === path);
  }

  /** Forgets the recorded requests, rules, override and secret. */
  reset(): void {
    this.requests.length = 0;
    this.rules.clear();
    this.override = null;
    this.secret = null;
  }

  /** Stops listening, so connections to the port are refused, and drops hanging requests. */
  async stop(): Promise<void> {
    if (!this.listening) return;
    this.listening = false;
    this.hanging.clear();
    await new Promise<void>((resolve) => {
      this.server.closeAllConnections();
      this.server.close(() => resolve());
    });
  }

  /** Listens again on the same port after `stop()`. */
  async restart(): Promise<void> {
    if (this.listening) return;
    const server = createServer((req, res) => this.handle(req, res));
    await listen(server, this.port);
    if (this.options.unref) server.unref();
    this.server = server;
    this.listening = true;
  }

  close(): Promise<void> {
    return this.stop();
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://fake');
      const text = Buffer.concat(chunks).toString('utf8');
      let body: unknown;
      try {
        body = text === '' ? undefined : JSON.parse(text);
      } catch {
        body = undefined;
      }
      const recorded: RecordedRequest = {
        method: req.method ?? '',
        path: url.pathname,
        query: Object.fromEntries(url.searchParams),
        headers: req.headers,
        body,
        text,
      };
      this.requests.push(recorded);
      this.send(res, this.answerFor(recorded));
    });
  }

  private answerFor(req: RecordedRequest): FakeAnswer {
    const pick = (r: FakeResponder) => (typeof r === 'function' ? r(req) : r);
    if (this.override) return pick(this.override);
    if (this.secret !== null) {
      const auth = req.headers.authorization;
      if (auth === undefined || !auth.startsWith('Bearer ')) {
        return json(401, { errcode: 'M_MISSING_TOKEN', error: 'Missing access token.' });
      }
      if (auth !== `Bearer ${this.secret}`) {
        return json(403, {
          errcode: 'M_UNKNOWN',
          error: 'This endpoint must only be called by MAS',
        });
      }
    }
    const rule = this.rules.get(`${req.method} ${req.path}`);
    return rule ? pick(rule) : defaultAnswer(req, this.options.serverName ?? 'example.test');
  }

  private send(res: ServerResponse, answer: FakeAnswer): void {
    if ('hang' in answer) {
      this.hanging.add(res);
      return;
    }
    res.setHeader('Connection', 'close');
    res.statusCode = answer.status;
    if ('raw' in answer) {
      res.setHeader('Content-Type', answer.contentType ?? 'text/plain');
      res.end(answer.raw);
    } else if (answer.status === 204 || answer.body === undefined) {
      res.end();
    } else {
      res.setHeader('Content-Type', 'application/json');
      res.end(JSON.stringify(answer.body));
    }
  }
}

function listen(server: Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen({ host: '127.0.0.1', port }, () => {
      server.off('error', reject);
      const address = server.address();
      if (typeof address !== 'object' || address === null) reject(new Error('no TCP address'));
      else resolve(address.port);
    });
  });
}
