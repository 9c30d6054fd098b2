import type { RequestListener } from 'node:http';
import request from 'supertest';
import type { MasConfig } from '../../src/config';
import { createApp, type RunningApp } from '../../src/app/create-app';
import { listenerDispatch } from '../../src/http/listener-dispatch';
import { createRootLogger } from '../../src/logging/root-logger';
import { createTestConfig } from './test-config';
import { createTestDatabase, type TestDatabase } from './test-database';
import { testJobsSetup } from './test-jobs';

export interface TestApp {
  config: MasConfig;
  db: TestDatabase;
  running: RunningApp;
  /** The request handler of the named listener of the config (default: the first one). */
  handler(listener?: string): RequestListener;
  /** A supertest client for the named listener of the config (default: the first one). */
  http(listener?: string): ReturnType<typeof request>;
  close(): Promise<void>;
}

/** The whole application on a fresh database, reachable per listener without sockets. */
export async function createTestApp(extraConfig: string | string[] = ''): Promise<TestApp> {
  return startTestApp(await createTestConfig(extraConfig));
}

/** The whole application for `config` on a fresh database. */
export async function startTestApp(config: MasConfig): Promise<TestApp> {
  const db = await createTestDatabase();
  const running = await createApp(
    config,
    db.dataSource,
    createRootLogger('silent'),
    testJobsSetup(db),
  );
  const handlers = new Map<string, RequestListener>();
  for (const [i, l] of config.http.listeners.entries()) {
    const name = l.name ?? `listener-${i}`;
    const resources = new Set(l.resources.map((r) => r.name));
    handlers.set(name, listenerDispatch(running.handler, { name, resources }, l.prefix));
  }
  const first = config.http.listeners[0]?.name ?? 'listener-0';
  const handler = (listener = first) => {
    const found = handlers.get(listener);
    if (!found) throw new Error(`no listener named ${listener}`);
    return found;
  };
  return {
    config,
    db,
    running,
    handler,
    http: (listener = first) => request(handler(listener)),
    close: async () => {
      await running.app.close();
      await db.drop();
    },
  };
}
