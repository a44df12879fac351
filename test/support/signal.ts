/**
 * Waiting on a condition that callbacks change (pushes arriving over a socket): the callbacks
 * call `notify()`, and `until` re-checks the condition then, instead of polling on a timer.
 * The timeout only ends a wait that would otherwise hang.
 */
export class Signal {
  private readonly waiters = new Set<() => void>();

  notify(): void {
    for (const waiter of [...this.waiters]) waiter();
  }

  until(condition: () => boolean, timeoutMs: number, what = 'the condition'): Promise<void> {
    if (condition()) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const check = (): void => {
        if (!condition()) return;
        this.waiters.delete(check);
        clearTimeout(timer);
        resolve();
      };
      const timer = setTimeout(() => {
        this.waiters.delete(check);
        reject(new Error(`${what} did not hold within ${timeoutMs} ms`));
      }, timeoutMs);
      this.waiters.add(check);
    });
  }
}
