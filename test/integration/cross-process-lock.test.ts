import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { crossProcessLockFor } from '../../src/database/cross-process-lock';
import { UserDeviceLock } from '../../src/homeserver/user-device-lock';
import { createTestDatabase, serverUrl, type TestDatabase } from '../setup/test-database';
import { waitFor } from '../setup/wait-for';

/** A promise with its resolve function, to hold work open until the test releases it. */
function gate(): { opened: Promise<void>; open: () => void } {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { opened, open };
}

describe('UserDeviceLock across processes', () => {
  let db: TestDatabase;
  before(async () => {
    db = await createTestDatabase();
  });
  after(async () => {
    await db?.drop();
  });

  /** Two locks as two processes would have them: each with its own advisory lock pool. */
  function twoProcesses() {
    const locks = [crossProcessLockFor(db.access), crossProcessLockFor(db.access)];
    const close = async () => {
      for (const lock of locks) {
        await (lock as { onApplicationShutdown?: () => Promise<void> }).onApplicationShutdown?.();
      }
    };
    return { web: new UserDeviceLock(locks[0]), worker: new UserDeviceLock(locks[1]), close };
  }

  /** Whether some session waits for an advisory lock that another one holds. */
  async function someoneWaits(): Promise<boolean> {
    const rows: { n: number }[] = await db.dataSource.query(
      "SELECT count(*)::int AS n FROM pg_locks WHERE locktype = 'advisory' AND NOT granted",
    );
    return (rows[0]?.n ?? 0) > 0;
  }

  it(
    "should make one process's work for a user wait for another's, and not another user's",
    { skip: serverUrl() === undefined && 'the embedded database serves one process' },
    async () => {
      const { web, worker, close } = twoProcesses();
      try {
        const order: string[] = [];
        const held = gate();
        const exchange = web.run('user-1', async () => {
          order.push('exchange start');
          await held.opened;
          order.push('exchange end');
        });
        await waitFor('the exchange to hold the lock', () => order.length > 0);
        const sync = worker.run('user-1', () => {
          order.push('sync');
          return Promise.resolve();
        });
        await waitFor('the sync to wait for the lock', someoneWaits);
        assert.equal(await worker.run('user-2', () => Promise.resolve('other user')), 'other user');
        assert.deepEqual(order, ['exchange start']);
        held.open();
        await Promise.all([exchange, sync]);
        assert.deepEqual(order, ['exchange start', 'exchange end', 'sync']);
      } finally {
        await close();
      }
    },
  );

  it('should release the lock when the work throws', async () => {
    const { web, worker, close } = twoProcesses();
    try {
      await assert.rejects(
        web.run('user-3', () => Promise.reject(new Error('boom'))),
        /boom/,
      );
      assert.equal(await worker.run('user-3', () => Promise.resolve(42)), 42);
    } finally {
      await close();
    }
  });
});
