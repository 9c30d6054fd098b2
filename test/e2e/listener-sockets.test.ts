import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startListeners, stopListeners, type BoundServer } from '../../src/http/listener-servers';
import { createRootLogger } from '../../src/logging/root-logger';
import { createTestApp, type TestApp } from '../setup/test-app';

describe('listeners bound to real sockets', () => {
  let t: TestApp;
  let bound: BoundServer[];
  before(async () => {
    t = await createTestApp();
    bound = await startListeners(
      t.running.handler,
      t.config.http.listeners,
      createRootLogger('silent'),
    );
  });
  after(async () => {
    await stopListeners(bound);
    await t.close();
  });

  const url = (listener: string, path: string) => {
    const b = bound.find((x) => x.listener === listener);
    assert.ok(b?.port, `listener ${listener} is bound`);
    return `http://127.0.0.1:${b.port}${path}`;
  };

  it('should serve each listener its own resources over TCP', async () => {
    const discovery = await fetch(url('web', '/.well-known/openid-configuration'));
    assert.equal(discovery.status, 200);
    assert.equal(((await discovery.json()) as { issuer: string }).issuer, t.config.http.issuerUrl);
    assert.equal((await fetch(url('internal', '/health'))).status, 200);
    assert.equal((await fetch(url('internal', '/.well-known/openid-configuration'))).status, 404);
  });

  it('should fail clearly when a port is already taken', async () => {
    const taken = bound.find((x) => x.listener === 'web')!.port!;
    await assert.rejects(
      startListeners(
        t.running.handler,
        [
          {
            name: 'clash',
            resources: [{ name: 'health' }],
            binds: [{ host: '127.0.0.1', port: taken }],
          },
        ],
        createRootLogger('silent'),
      ),
      /EADDRINUSE/,
    );
  });
});
