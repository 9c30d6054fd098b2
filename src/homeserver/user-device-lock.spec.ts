import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { UserDeviceLock } from './user-device-lock';

/** A promise with its resolve function, to hold work open until the test releases it. */
function gate(): { opened: Promise<void>; open: () => void } {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { opened, open };
}

describe('UserDeviceLock', () => {
  it('should run work for one user one at a time, in arrival order', async () => {
    const lock = new UserDeviceLock();
    const order: string[] = [];
    const first = gate();
    const a = lock.run('u1', async () => {
      order.push('a start');
      await first.opened;
      order.push('a end');
    });
    const b = lock.run('u1', () => {
      order.push('b');
      return Promise.resolve();
    });
    await Promise.resolve();
    await Promise.resolve();
    assert.deepEqual(order, ['a start']);
    first.open();
    await Promise.all([a, b]);
    assert.deepEqual(order, ['a start', 'a end', 'b']);
  });

  it('should not make one user wait for another', async () => {
    const lock = new UserDeviceLock();
    const held = gate();
    const a = lock.run('u1', () => held.opened);
    assert.equal(await lock.run('u2', () => Promise.resolve('done')), 'done');
    held.open();
    await a;
  });

  it('should release the lock when the work throws, and forget idle users', async () => {
    const lock = new UserDeviceLock();
    await assert.rejects(
      lock.run('u1', () => Promise.reject(new Error('boom'))),
      /boom/,
    );
    assert.equal(await lock.run('u1', () => Promise.resolve(42)), 42);
    assert.equal(lock.size, 0);
  });
});
