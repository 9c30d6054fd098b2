import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, type TestApp } from '../setup/test-app';

describe('GET /health', () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp();
  });
  after(async () => {
    await t.close();
  });

  it('should report healthy on the listener that serves the health resource', async () => {
    const res = await t.http('internal').get('/health').expect(200);
    assert.deepEqual(res.body, { healthy: true, database: 'ok' });
    assert.equal(res.headers['cache-control'], 'no-store');
  });

  it('should answer 404 on a listener without the health resource', async () => {
    await t.http('web').get('/health').expect(404);
  });

  it('should report 503 when the database is gone', async () => {
    await t.db.dataSource.destroy();
    const res = await t.http('internal').get('/health');
    assert.equal(res.status, 503);
    assert.equal(res.body.database, 'unreachable');
  });
});
