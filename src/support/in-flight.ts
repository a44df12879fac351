/**
 * Counts work in progress, so a shutdown can wait for it. An HTTP server's close() waits for
 * open connections, not for handlers whose client hung up: their resolvers still run, and
 * must finish before storage closes under them.
 */
export class InFlight {
  private count = 0;
  private waiters: (() => void)[] = [];

  /** Marks one piece of work begun; call the returned function once when it ends. */
  start(): () => void {
    this.count++;
    let ended = false;
    return () => {
      if (ended) return;
      ended = true;
      this.count--;
      if (this.count === 0) for (const resolve of this.waiters.splice(0)) resolve();
    };
  }

  get size(): number {
    return this.count;
  }

  /** Resolves when nothing is in progress. */
  idle(): Promise<void> {
    if (this.count === 0) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }
}
