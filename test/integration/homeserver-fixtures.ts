import assert from 'node:assert/strict';
import { MatrixConfig, type HomeserverKind } from '../../src/config';
import {
  createHomeserverConnection,
  type HomeserverHttpLimits,
} from '../../src/homeserver/create-homeserver-connection';
import type { HomeserverConnection } from '../../src/homeserver/homeserver-connection';
import type { RecordedRequest, RecordingHomeserver } from '../fakes/recording-homeserver';

export const SECRET = 'the-shared-secret-0123456789';
export const SERVER_NAME = 'example.test';
/** Short, so the hanging-homeserver tests finish quickly; nothing asserts on elapsed time. */
export const TEST_TIMEOUT_MS = 300;

/** `matrix:` as the config loader would produce it. */
export function matrixConfig(kind: HomeserverKind, endpoint: string): MatrixConfig {
  return Object.assign(new MatrixConfig(), {
    kind,
    homeserver: SERVER_NAME,
    endpoint,
    secret: SECRET,
  });
}

/** The connection `kind` selects, pointed at the fake. */
export function connectionTo(
  fake: RecordingHomeserver,
  kind: HomeserverKind,
  limits: HomeserverHttpLimits = { timeoutMs: TEST_TIMEOUT_MS, slowTimeoutMs: TEST_TIMEOUT_MS },
  debug: string[] = [],
): HomeserverConnection {
  return createHomeserverConnection(matrixConfig(kind, fake.endpoint), limits, {
    debug: (m) => debug.push(m),
  });
}

/** The request a call must send: method, path (as sent), query and JSON body. */
export interface ExpectedRequest {
  method: string;
  path: string;
  query?: Record<string, string>;
  body?: unknown;
}

/** Asserts the exact shape of one recorded request, including the Bearer secret. */
export function assertRequest(
  actual: RecordedRequest | undefined,
  expected: ExpectedRequest,
): void {
  assert.ok(actual, `no request recorded for ${expected.method} ${expected.path}`);
  assert.equal(actual.method, expected.method);
  assert.equal(actual.path, expected.path);
  assert.deepEqual(actual.query, expected.query ?? {});
  assert.equal(actual.headers.authorization, `Bearer ${SECRET}`);
  if (expected.body === undefined) {
    assert.equal(actual.text, '', 'a request without a body');
    assert.equal(actual.headers['content-type'], undefined);
  } else {
    assert.equal(actual.headers['content-type'], 'application/json');
    assert.deepEqual(actual.body, expected.body);
  }
}
