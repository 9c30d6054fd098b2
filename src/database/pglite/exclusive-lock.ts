/**
 * A FIFO lock: `acquire()` resolves with a release function once every earlier holder has
 * released. PGlite has a single backend session, so whoever holds it owns the session, exactly
 * as a checked-out client owns its connection in a pool of size one.
 */
export class ExclusiveLock {
  private tail: Promise<void> = Promise.resolve();

  acquire(): Promise<() => void> {
    let release!: () => void;
    const released = new Promise<void>((resolve) => {
      release = resolve;
    });
    const previous = this.tail;
    this.tail = previous.then(() => released);
    return previous.then(() => {
      let done = false;
      return () => {
        if (!done) {
          done = true;
          release();
        }
      };
    });
  }
}
